"""The window's words for codes the core returns (the core speaks English in logs and CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from livehelper.errors import CatalogueError, RowProblem


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def row_problem_text(problem: RowProblem) -> str:
    templates = {
        "missing_file": _t("the file {path} does not exist"),
        "not_utf8": _t("the file is not UTF-8 text; save it as 'CSV UTF-8' and try again"),
        "bad_excel": _t("cannot read this Excel file ({error})"),
        "bad_header": _t("the header row must name the columns code,name,price,unit (missing: {missing})"),
        "empty_file": _t("the file is empty"),
        "no_products": _t("the file has a header but no products"),
        "empty_code": _t("the product code is empty"),
        "bad_code": _t("the code {code!r} may use only letters, digits, '-' and '_' (at most 32)"),
        "duplicate_code": _t("the code {code!r} is already used on line {other}"),
        "empty_name": _t("the product name is empty"),
        "empty_unit": _t("the unit is empty (for example kg, hộp, túi)"),
        "bad_price": _t("the price {value!r} is not a whole amount in đồng (for example 35000)"),
        "bad_stock": _t("the stock {value!r} is not a whole number (leave it empty for unlimited)"),
    }
    text = templates.get(problem.reason, problem.message).format(**dict(problem.values))
    if problem.line:
        return _t("line {line}: {problem}").format(line=problem.line, problem=text)
    return text


def catalogue_error_text(error: CatalogueError) -> str:
    lines = "\n".join("• " + row_problem_text(p) for p in error.problems)
    return _t("Nothing was imported. Please fix these rows and import again:") + "\n\n" + lines
