"""Errors that mean "the world is not as expected", not "livehelper has a bug".

LivehelperError
├── CatalogueError        a catalogue file has bad rows (each problem names its line)
├── NotFound              a session, claim or product id that does not exist
├── InvalidTransition     deciding a claim that was already decided
│   └── UndoRefused       undoing what another laptop changed since, or what was sent
├── OutOfStock            confirming would sell more than is left
├── StoreError            the database cannot be opened or is newer than this program
│   └── DiskFull          the disk (or the database's quota) is full
├── UsageError            a command option that makes no sense (CODE=QTY without =)
│   └── FileGaps          a partner's file would leave required cells empty
├── CommentRefused        one comment the database would not take (the rest are stored)
├── MalformedInput        a payload, an input line or a typed order that cannot be read
│                         (also a ValueError: the readers' callers skip it and count it)
├── SourceFailed          a comment source cannot go on: bad token, unknown live
├── SpeechUnavailable     no voice to speak with (no espeak-ng, no audio output)
├── VietQRError           a bank account no payment QR can be made for (also a ValueError)
└── ObsError              OBS cannot be reached or refused (overlays/obs.py)

Each carries a ``code`` the UI translates, and an English ``str()`` for logs and the CLI
(whose one handler prints it and exits 2). Anything else reaching the top is a bug and
goes to the crash dialog / traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class LivehelperError(Exception):
    code = "error"


# English wording of each catalogue problem; the window shows its own translation of
# the same key (livehelper/ui/texts.py), so the core stays free of UI language.
ROW_MESSAGES = {
    "missing_file": "the file {path} does not exist",
    "not_utf8": "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again",
    "bad_excel": "cannot read this Excel file ({error})",
    "bad_header": "the header row must name the columns code,name,price,unit (missing: {missing})",
    "empty_file": "the file is empty",
    "no_products": "the file has a header but no products",
    "empty_code": "the product code is empty",
    "bad_code": "the code {code!r} may use only letters, digits, '-' and '_' (at most 32)",
    "duplicate_code": "the code {code!r} is already used on line {other}",
    "empty_name": "the product name is empty",
    "empty_unit": "the unit is empty (for example kg, hộp, túi)",
    "bad_price": "the price {value!r} is not a whole amount in đồng (for example 35000)",
    "bad_stock": "the stock {value!r} is not a whole number (leave it empty for unlimited)",
    "code_is_order_word": (
        "the code {code!r} is also how buyers write a quantity, a unit or an order "
        "('chốt 2kg' would be read as this product); choose another code, for example "
        "the product's initials"
    ),
    "price_too_high": "the price {value!r} is more than 10 billion đồng; is a digit too many?",
    "bad_weight": (
        "the weight {value!r} is not one unit's weight in kg (for example 0,5 for a 500 g jar;"
        " leave it empty if you do not know)"
    ),
    "stock_too_high": "the stock {value!r} is more than a billion; is a digit too many?",
    "formula_without_value": (
        "the {column} cell holds a formula ({formula}) whose result was never saved; open "
        "the file in Excel and save it, or type the number"
    ),
}


@dataclass(frozen=True)
class RowProblem:
    line: int  # 1-based line in the file, the header is line 1; 0: the file as a whole
    reason: str  # a key of ROW_MESSAGES
    values: tuple[tuple[str, object], ...] = ()

    @property
    def message(self) -> str:
        return ROW_MESSAGES[self.reason].format(**dict(self.values))

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def row_problem(line: int, reason: str, **values: object) -> RowProblem:
    return RowProblem(line, reason, tuple(values.items()))


class CatalogueError(LivehelperError):
    code = "catalogue"

    def __init__(self, problems: list[RowProblem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f"{source}: " if source else ""
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{where}nothing was imported, fix these rows first:\n{lines}")


class NotFound(LivehelperError):
    code = "not_found"


class InvalidTransition(LivehelperError):
    code = "invalid_transition"


class UndoRefused(InvalidTransition):
    """``reason``: "changed" (another assistant or laptop acted on the claim since) or
    "sent" (its order went to ``target`` already)."""

    def __init__(self, claim_id: int, reason: str, target: str = "") -> None:
        words = {
            "changed": "was changed since (by another assistant or laptop)",
            "sent": f"has its order sent already ({target})",
        }
        super().__init__(f"claim {claim_id} {words[reason]}: not undone")
        self.claim_id, self.reason, self.target = claim_id, reason, target


class OutOfStock(LivehelperError):
    """Confirming claim ``claim_id`` would sell more ``product`` than is ``left``
    (``capped``: left under this show's cap)."""

    code = "out_of_stock"

    def __init__(
        self, claim_id: int, product: str, left: object, wanted: object, capped: bool = False
    ) -> None:
        where = " for this show (its cap)" if capped else ""
        super().__init__(
            f"claim {claim_id}: only {left} {product} left{where}, the claim asks for {wanted}"
        )
        self.claim_id, self.product, self.left, self.wanted = claim_id, product, left, wanted
        self.capped = capped


class StoreError(LivehelperError):
    code = "store"


class DiskFull(StoreError):
    """Nothing more can be written: the disk holding the database is full."""

    code = "disk_full"


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100), or the OS's ENOSPC."""
    if isinstance(exc, OSError) and exc.errno == 28:
        return True
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "53100":
        return True
    text = str(orig).lower()
    return "database or disk is full" in text or "no space left on device" in text


class UsageError(LivehelperError, ValueError):
    """A command was given something it cannot use (a malformed option value); also a
    ValueError, which is what callers of the plain functions catch."""

    code = "usage"


class FileGaps(UsageError):
    """A partner's file would leave required cells empty (``gaps``: export.templates.Gap):
    a coded value the shop has not chosen, a parcel with no weight. Nothing is written."""

    code = "file_gaps"

    def __init__(self, message: str, gaps: list[object]) -> None:
        super().__init__(message)
        self.gaps = gaps


class CommentRefused(LivehelperError):
    """One comment of a batch could not be stored even on its own: it is counted
    malformed and logged; the other comments of its batch are stored."""

    code = "comment_refused"


class MalformedInput(LivehelperError, ValueError):
    """What came in cannot be read (a platform payload, an input line): skipped and
    counted, never fatal."""

    code = "malformed"


class SourceFailed(LivehelperError):
    """A source cannot go on (bad credentials, no such live): the message says why."""

    code = "source_failed"


class SpeechUnavailable(LivehelperError):
    """``reason``: no_engine, no_voice, no_player (no program to play sound with),
    cannot_play (the player failed: no sound card, device busy), wrote_nothing."""

    code = "speech_unavailable"

    def __init__(self, message: str, reason: str = "no_engine") -> None:
        super().__init__(message)
        self.reason = reason


class VietQRError(LivehelperError, ValueError):
    code = "vietqr"
