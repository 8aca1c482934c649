"""An address a buyer writes in a comment ("chốt 2kg, gửi về thôn Nà Pàn, xã Chi Lăng,
Lạng Sơn"): found by its words (số nhà, ngõ, đường, thôn/bản/xóm, xã/phường,
huyện/quận, tỉnh…) and kept only when the one address reader
(``export/addresses.split_address``: the 34 provinces, old names too) recognises its
province."""

from __future__ import annotations

import re

from livehelper import phones
from livehelper.comments.folding import fold
from livehelper.export.addresses import split_address

# where an address starts: a marker ("gửi về", "đc:") or the first administrative word
_START = re.compile(
    r"(?<![a-z0-9])(?:dia chi|d/c|dc|đc|ship ve|gui ve|giao ve|ship toi|gui toi|giao toi"
    r"|ship den|gui den|giao den|ve|o|tai)\s*:?\s+"
    r"|(?<![a-z0-9])(?=(?:so nha|so|ngo|ngach|hem|kiet|duong|pho|thon|ban|xom|ap|to|khu"
    r"|xa|phuong|p\.|thi tran|huyen|quan|q\.|thi xa|tinh|tp|thanh pho)\s)"
)
_ADMIN = re.compile(
    r"(?<![a-z0-9])(?:xa|phuong|thi tran|huyen|quan|thi xa|tinh|tp|thanh pho|thon|ban|xom"
    r"|ap|ngo|ngach|hem|duong|pho)(?![a-z0-9])"
)
_SENT_TO = re.compile(
    r"(?<![a-z0-9])(?:dia chi|d/c|dc|đc|(?:ship|gui|giao) (?:ve|toi|den))(?![a-z0-9])"
)
# the words a comment ends with after an address ("… Lai Châu giúp e nhé")
_TAIL = re.compile(
    r"(?:[\s,.;:!?-]*(?<![a-z0-9])(?:nhe|nha|a|shop|c|e|em|chi|oi|giup|gium|dum|voi|luon"
    r"|ban|anh|co|nhe|nhen|nghen|duoc khong|duoc k|dc k|dc ko|duoc ko)(?![a-z0-9]))*"
    r"[\s,.;:!?-]*$"
)


def address_in(text: str) -> str | None:
    """The address written in ``text``, as written (its phone taken out), or None."""
    said = fold(text)
    if _ADMIN.search(said) is None and _SENT_TO.search(said) is None:
        return None  # most comments (the writer asks of each): no address word at all
    written = phones.PHONE.sub(" ", text)
    folded = fold(written)
    for start in _START.finditer(folded):
        rest = written[start.end() :]
        tail = _TAIL.search(fold(rest))  # folding keeps positions: cut the written text
        candidate = rest[: tail.start() if tail else len(rest)].strip(" ,.;:-")
        # a place to deliver to, not just a city: a house number or a village, ward…
        precise = any(ch.isdigit() for ch in candidate) or _ADMIN.search(fold(candidate))
        if precise and split_address(candidate).recognised:
            return re.sub(r"\s+", " ", candidate)
    return None
