"""The window's words for codes the core returns (the core speaks English in logs and CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from livehelper.errors import CatalogueError, OutOfStock, RowProblem, SpeechUnavailable
from livehelper.export.templates import Template
from livehelper.model import Decision, format_qty


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
        "bad_weight": QCoreApplication.translate(
            "Texts",
            "the weight {value!r} is not one unit's weight in kg (for example 0,5 for a 500 g "
            "jar; leave it empty if you do not know)",
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


def export_problem_text(kind: str, count: int, fallback: str) -> str:
    """The export check's words for a problem kind (export/validate.py)."""
    texts = {
        "missing_phone": QCoreApplication.translate("Texts", "no phone number"),
        "missing_address": QCoreApplication.translate(
            "Texts", "no delivery address (add it on the buyer's card)"
        ),
        "unknown_address": QCoreApplication.translate(
            "Texts", "the address names none of the 34 provinces"
        ),
        "no_ward": QCoreApplication.translate(
            "Texts", "the address names no ward or commune we know"
        ),
        "cancel_requested": QCoreApplication.translate(
            "Texts", "the buyer asked to cancel after confirming"
        ),
        "buyer_flagged": QCoreApplication.translate(
            "Texts", "this buyer refused a cash-on-delivery parcel before (bom hàng)"
        ),
        "zero_line": QCoreApplication.translate("Texts", "a line with quantity or price 0"),
        "waiting_claims": QCoreApplication.translate(
            "Texts", "{count} claims were never confirmed or rejected: they are not exported"
        ),
    }
    return texts[kind].format(count=count) if kind in texts else fallback


def template_title(name: str, title: str) -> str:
    """The templates livehelper ships, in the window's language; a seller's own copy keeps
    the title its file gives."""
    titles = {
        "generic": QCoreApplication.translate("Texts", "livehelper (one row per order line)"),
        "ghn": QCoreApplication.translate("Texts", "GHN – bulk orders (one row per order)"),
        "ghtk": QCoreApplication.translate(
            "Texts", "GHTK – Excel orders (one row per product, the order's cells merged)"
        ),
        "viettelpost": QCoreApplication.translate(
            "Texts", "Viettel Post – bulk orders (one row per order)"
        ),
        "sapo": QCoreApplication.translate(
            "Texts", "Sapo – orders from a file (one row per product)"
        ),
        "kiotviet": QCoreApplication.translate(
            "Texts", "KiotViet – orders from a file (one row per product)"
        ),
    }
    return titles.get(name, title)


def template_caution(template: Template) -> str:
    """What the window says before an export with a template not fully checked against
    its partner's own file; "" for one that is."""
    cautions = {
        "sapo": QCoreApplication.translate(
            "Texts",
            "Nothing public confirms Sapo's order-import columns: the quantity, price, buyer "
            "and delivery headers are guesses. Compare with Sapo's sample file before the "
            "first import.",
        ),
        "kiotviet": QCoreApplication.translate(
            "Texts",
            "KiotViet may have no order import at all: its public material shows imports of "
            "products, price books, customers and suppliers only. Every column here is a "
            "guess.",
        ),
    }
    if template.name in cautions:
        return cautions[template.name]
    if template.caution:
        return template.caution
    if template.unverified:
        return QCoreApplication.translate(
            "Texts", "{n} column(s) not checked against {name}'s own sample file: {columns}."
        ).format(
            n=len(template.unverified),
            name=template.name,
            columns=", ".join(h.splitlines()[0] for h in template.unverified),
        )
    return ""


def speech_problem_text(problem: SpeechUnavailable) -> str:
    """What the seller can do about a voice that cannot be heard."""
    reasons = {
        "no_engine": QCoreApplication.translate(
            "Texts",
            "Orders cannot be read aloud: this computer has no speech engine. On Linux run "
            "'bash livehelper.sh' once more (it installs espeak-ng).",
        ),
        "no_voice": QCoreApplication.translate(
            "Texts", "Orders cannot be read aloud: the speech engine has no Vietnamese voice."
        ),
        "no_player": QCoreApplication.translate(
            "Texts",
            "Orders cannot be read aloud: there is no program to play sound with. On Linux "
            "run 'bash livehelper.sh' once more (it installs alsa-utils).",
        ),
        "cannot_play": QCoreApplication.translate(
            "Texts",
            "Orders cannot be heard: the sound could not be played. Check that speakers or "
            "headphones are connected and not used by another program.",
        ),
        "wrote_nothing": QCoreApplication.translate(
            "Texts", "Orders cannot be read aloud: the speech engine produced no sound."
        ),
    }
    return reasons.get(problem.reason, reasons["no_engine"])


def decision_problem_text(decision: Decision) -> str:
    """Why a claim was not confirmed or rejected, in the window's language."""
    problem = decision.problem
    if isinstance(problem, OutOfStock):
        template = (
            QCoreApplication.translate(
                "Texts", "Claim {id} not confirmed: only {left} {product} left for this show "
                "(its cap), the claim asks for {wanted}."
            )
            if problem.capped
            else QCoreApplication.translate(
                "Texts",
                "Claim {id} not confirmed: only {left} {product} left, the claim asks for "
                "{wanted}.",
            )
        )  # fmt: skip
        return template.format(
            id=decision.claim_id,
            left=format_qty(problem.left),  # type: ignore[arg-type]
            product=problem.product,
            wanted=format_qty(problem.wanted),  # type: ignore[arg-type]
        )
    return QCoreApplication.translate("Texts", "Claim {id} was not changed: {reason}").format(
        id=decision.claim_id, reason=decision.error
    )
