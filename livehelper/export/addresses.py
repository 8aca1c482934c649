"""Vietnamese addresses read with the 34-province structure (since 1 July 2025): two
levels, province and ward/commune. Reading is done by ``vietnamadminunits`` (MIT,
maintained open data with the 63→34 mapping), which also understands addresses
written the old way ("Tam Đường, Lai Châu")."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Address:
    street: str  # what is left: house number, street, village (thôn, bản)
    ward: str  # "Xã Chi Lăng"; empty when the address names none we know
    province: str  # "Tỉnh Lạng Sơn"; empty when unrecognised

    @property
    def recognised(self) -> bool:
        return bool(self.province)


@functools.lru_cache(maxsize=4096)
def split_address(text: str | None) -> Address:
    if not text or not text.strip():
        return Address("", "", "")
    try:
        from vietnamadminunits import ParseMode, parse_address

        found = parse_address(text, mode=ParseMode.latest(), keep_street=True)
    except Exception as exc:  # the reader failing must not stop an export
        log.warning("address not read (%s)", type(exc).__name__)
        return Address(text.strip(), "", "")
    ward = getattr(found, "ward", None) or ""
    province = getattr(found, "province", None) or ""
    street = (getattr(found, "street", None) or "").strip()
    if not ward:  # a commune the reader does not know is still the buyer's words: kept
        street = _without_province(text, getattr(found, "short_province", None) or "")
    return Address(street=street, ward=ward, province=province)


def _without_province(text: str, province: str) -> str:
    """The address less its trailing province ("…, xã Tam Đường, Lai Châu" ->
    "…, xã Tam Đường"), so nothing the buyer wrote is dropped."""
    import re
    import unicodedata

    from livehelper.comments.folding import fold

    text = unicodedata.normalize("NFC", text.strip())
    if not province:
        return text
    folded = fold(text)  # the same length as text: positions line up
    name = r"\s+".join(re.escape(word) for word in fold(province).split())
    tail = re.search(rf"[\s,.;-]*(?:(?:tinh|tp|thanh pho|t)\.?\s*)?{name}[\s,.;]*$", folded)
    return text[: tail.start()].strip(" ,.;-") if tail else text
