"""VietQR payloads, checked against a sample made by an independent implementation."""

from __future__ import annotations

import pytest

from livehelper import vietqr
from livehelper.vietqr import BankAccount, VietQRError


def test_payload_matches_an_independent_sample() -> None:
    # from the README of github.com/subiz/vietqr (a Go implementation): 120.000₫ to
    # VietinBank account 0011001932418 with the note "ủng hộ lũ lụt"
    sample = (
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C"
    )
    assert vietqr.payload(BankAccount("970415", "0011001932418"), 120000, "ủng hộ lũ lụt") == sample


def test_crc_is_ccitt_false() -> None:
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue check value


def test_without_an_amount_the_qr_is_static() -> None:
    text = vietqr.payload(BankAccount("970436", "1234567890"))
    assert text.startswith("000201010211")  # 11: the buyer types the amount
    assert "53037045802VN" in text  # currency, then country: no amount field between
    body, crc = text[:-4], text[-4:]
    assert crc == f"{vietqr.crc16_ccitt_false(body.encode()):04X}"


def test_transfer_note_is_plain_ascii_and_short() -> None:
    assert vietqr.transfer_note("Chị Lan – đơn #12 <b>") == "Chi Lan don 12 b"
    assert len(vietqr.transfer_note("x" * 80)) == vietqr.NOTE_MAX
    assert "62" not in vietqr.payload(BankAccount("970436", "1"), note="!!!")[-12:]


def test_banks_by_name_or_bin() -> None:
    assert vietqr.bank_bin("Vietcombank") == "970436"
    assert vietqr.bank_bin("vietinbank") == "970415"
    assert vietqr.bank_bin("970422") == "970422"
    with pytest.raises(VietQRError, match="6-digit NAPAS BIN"):
        vietqr.bank_bin("Ngân hàng Mặt Trăng")


@pytest.mark.parametrize(
    ("account", "amount"),
    [
        (BankAccount("97041", "123"), None),
        (BankAccount("970415", "12 34-56"), None),
        (BankAccount("970415", "1" * 20), None),
        (BankAccount("970415", "123"), 0),
        (BankAccount("970415", "123"), -5),
    ],
)
def test_bad_accounts_and_amounts_are_refused(account: BankAccount, amount: int | None) -> None:
    with pytest.raises(VietQRError):
        vietqr.payload(account, amount)


def test_qr_rows_are_a_square_matrix() -> None:
    rows = vietqr.qr_rows(vietqr.payload(BankAccount("970436", "1234567890"), 50000))
    assert len(rows) == len(rows[0]) and set("".join(rows)) == {"0", "1"}
