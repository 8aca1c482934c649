"""Errors that mean "the world is not as expected", not "livehelper has a bug".

LivehelperError
├── CatalogueError        a catalogue file has bad rows (each problem names its line)
├── NotFound              a session, claim or product id that does not exist
├── InvalidTransition     deciding a claim that was already decided
├── OutOfStock            confirming would sell more than is left
└── StoreError            the database cannot be opened or is newer than this program

Each carries a ``code`` the UI translates, and an English ``str()`` for logs and the CLI.
Anything else reaching the top is a bug and goes to the crash dialog / traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class LivehelperError(Exception):
    code = "error"


@dataclass(frozen=True)
class RowProblem:
    line: int  # 1-based line in the file, header is line 1
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


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


class OutOfStock(LivehelperError):
    code = "out_of_stock"


class StoreError(LivehelperError):
    code = "store"
