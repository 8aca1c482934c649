"""Runtime data files, found through importlib.resources (checkout, editable or wheel)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

PACKAGE = "livehelper.resources"


def resource(relative: str) -> Traversable:
    node = resources.files(PACKAGE)
    for part in relative.split("/"):
        node = node / part
    return node


def resource_text(relative: str) -> str:
    return resource(relative).read_text(encoding="utf-8")


def resource_bytes(relative: str) -> bytes:
    return resource(relative).read_bytes()


def resource_file(relative: str) -> AbstractContextManager[Path]:
    """A real file path for APIs that need one (Qt, openpyxl); use as a context manager."""
    return resources.as_file(resource(relative))
