"""Text that came from outside (a buyer, a platform, a file), made safe to keep.

Everything a buyer types is hostile. These rules are the one place that says what
cannot be stored or written out as it is: a NUL that PostgreSQL refuses, a lone
surrogate no UTF-8 file can hold, control characters that break XML (XLSX) and
display as garbage, and ids longer than their column.
"""

from __future__ import annotations

import hashlib
import re

# C0 controls but tab, newline and carriage return; DEL; C1 controls; lone surrogates.
# XML 1.0 (XLSX) refuses the first and the last, PostgreSQL refuses NUL, and none of
# them means anything in a comment, a name or an address.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else ""  # Word's line and page breaks


def storable(text: str) -> str:
    """``text`` without the characters no database, file or label should get."""
    return _UNSTORABLE.sub(_replacement, text) if _UNSTORABLE.search(text) else text


def one_line(text: str) -> str:
    """Storable, on one line: for names, where a newline only breaks layouts."""
    text = storable(text)
    return " ".join(text.split()) if "\n" in text or "\r" in text or "\t" in text else text


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


def clip_id(value: str, limit: int) -> str:
    """An identifier that fits ``limit`` characters and still tells apart any two long
    ones: the start, then a hash of the whole. The same id always clips the same way,
    so a comment delivered twice is still recognised."""
    value = storable(value)
    if len(value) <= limit:
        return value
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()
    return value[: limit - len(digest) - 1] + "~" + digest
