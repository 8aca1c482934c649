"""The window's words for codes the core returns (the core speaks English in logs and CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from livehelper.errors import CatalogueError, RowProblem


def row_problem_text(problem: RowProblem) -> str:
    templates = {
        "missing_file": QCoreApplication.translate("Texts", "the file {path} does not exist"),
        "not_utf8": QCoreApplication.translate(
            "Texts", "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again"
        ),
        "bad_excel": QCoreApplication.translate("Texts", "cannot read this Excel file ({error})"),
        "bad_header": QCoreApplication.translate(
            "Texts",
            "the header row must name the columns code,name,price,unit (missing: {missing})",
        ),
        "empty_file": QCoreApplication.translate("Texts", "the file is empty"),
        "no_products": QCoreApplication.translate("Texts", "the file has a header but no products"),
        "empty_code": QCoreApplication.translate("Texts", "the product code is empty"),
        "bad_code": QCoreApplication.translate(
            "Texts", "the code {code!r} may use only letters, digits, '-' and '_' (at most 32)"
        ),
        "duplicate_code": QCoreApplication.translate(
            "Texts", "the code {code!r} is already used on line {other}"
        ),
        "empty_name": QCoreApplication.translate("Texts", "the product name is empty"),
        "empty_unit": QCoreApplication.translate(
            "Texts", "the unit is empty (for example kg, hộp, túi)"
        ),
        "bad_price": QCoreApplication.translate(
            "Texts", "the price {value!r} is not a whole amount in đồng (for example 35000)"
        ),
        "bad_stock": QCoreApplication.translate(
            "Texts", "the stock {value!r} is not a whole number (leave it empty for unlimited)"
        ),
        "code_is_order_word": QCoreApplication.translate(
            "Texts",
            "the code {code!r} is also how buyers write a quantity, a unit or an order "
            "('chốt 2kg' would be read as this product); choose another code, for example "
            "the product's initials",
        ),
        "price_too_high": QCoreApplication.translate(
            "Texts", "the price {value!r} is more than 10 billion đồng; is a digit too many?"
        ),
        "stock_too_high": QCoreApplication.translate(
            "Texts", "the stock {value!r} is more than a billion; is a digit too many?"
        ),
        "formula_without_value": QCoreApplication.translate(
            "Texts",
            "the {column} cell holds a formula ({formula}) whose result was never saved; open "
            "the file in Excel and save it, or type the number",
        ),
    }
    text = templates.get(problem.reason, problem.message).format(**dict(problem.values))
    if problem.line:
        return QCoreApplication.translate("Texts", "line {line}: {problem}").format(
            line=problem.line, problem=text
        )
    return text


def catalogue_error_text(error: CatalogueError) -> str:
    lines = "\n".join("• " + row_problem_text(p) for p in error.problems)
    return (
        QCoreApplication.translate(
            "Texts", "Nothing was imported. Please fix these rows and import again:"
        )
        + "\n\n"
        + lines
    )
