"""VietQR: the bank-transfer QR every Vietnamese banking app scans (NAPAS, EMVCo).

The payload is EMVCo "ID, two-digit length, value" fields with a CRC-16/CCITT-FALSE
at the end. For a transfer to an account (service ``QRIBFTTA``):

  00 "01"                         payload format
  01 "11" | "12"                  static (buyer types the amount) | with an amount
  38 00 A000000727                NAPAS's application id
     01 00 <bank BIN, 6 digits>   01 <account number>
     02 QRIBFTTA
  53 704   54 <amount>   58 VN   62 08 <transfer note>   63 <CRC>

Bank apps show the account holder's name themselves; the note must be plain ASCII,
so Vietnamese is folded ("ủng hộ" → "ung ho").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass

from livehelper.errors import VietQRError as VietQRError  # re-exported
from livehelper.resources_path import resource

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
NOTE_MAX = 25


@dataclass(frozen=True)
class BankAccount:
    bin: str  # the bank's NAPAS BIN, e.g. 970436 for Vietcombank
    number: str
    holder: str = ""  # shown under the QR so buyers see whom they pay
    bank_name: str = ""


def banks() -> dict[str, str]:
    """Bank short name -> NAPAS BIN, from resources/banks.toml."""
    data = tomllib.loads(resource("banks.toml").read_text(encoding="utf-8"))
    return {str(name): str(bin_) for name, bin_ in data["banks"].items()}


def bank_bin(name_or_bin: str) -> str:
    """Accept 'Vietcombank', 'vcb'-style names from the list, or the 6-digit BIN."""
    value = name_or_bin.strip()
    if re.fullmatch(r"\d{6}", value):
        return value
    folded = _fold(value).lower().replace(" ", "")
    for name, bin_ in banks().items():
        if _fold(name).lower().replace(" ", "") == folded:
            return bin_
    raise VietQRError(
        f"unknown bank {name_or_bin!r}: give its 6-digit NAPAS BIN or one of "
        + ", ".join(sorted(banks()))
    )


def payload(account: BankAccount, amount: int | None = None, note: str = "") -> str:
    if not re.fullmatch(r"\d{6}", account.bin):
        raise VietQRError(f"a bank BIN has 6 digits, not {account.bin!r}")
    number = account.number.replace(" ", "")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", number):
        raise VietQRError(f"an account number has 1-19 letters or digits, not {account.number!r}")
    if amount is not None and not 0 < amount < 10**13:
        raise VietQRError(f"the amount must be a positive number of đồng, not {amount}")
    bank = _field("00", account.bin) + _field("01", number)
    fields = [
        _field("00", "01"),
        _field("01", "11" if amount is None else "12"),
        _field(
            "38", _field("00", NAPAS_GUID) + _field("01", bank) + _field("02", SERVICE_TO_ACCOUNT)
        ),
        _field("53", "704"),
    ]
    if amount is not None:
        fields.append(_field("54", str(amount)))
    fields.append(_field("58", "VN"))
    clean_note = transfer_note(note)
    if clean_note:
        fields.append(_field("62", _field("08", clean_note)))
    body = "".join(fields) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def transfer_note(text: str) -> str:
    """What banks accept in a transfer note: ASCII letters, digits and spaces."""
    plain = re.sub(r"[^A-Za-z0-9 ]+", " ", _fold(text))
    return " ".join(plain.split())[:NOTE_MAX].strip()


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def qr_rows(text: str) -> list[str]:
    """The QR code's modules, one string of '0'/'1' per row (pages draw it themselves)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return ["".join("1" if module else "0" for module in row) for row in code.matrix]


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
