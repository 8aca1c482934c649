"""Order lines as shop APIs take them: whole quantities only. A line of 1,5 kg is sent
as one item named "Khoai sâm (1,5 kg)" at the line's total, so the money is exact."""

from __future__ import annotations

from dataclasses import dataclass

from livehelper.model import LineItem, format_qty


@dataclass(frozen=True)
class ApiLine:
    code: str
    title: str
    quantity: int
    unit_price: int  # đồng


def api_lines(lines: tuple[LineItem, ...]) -> list[ApiLine]:
    out = []
    for line in lines:
        if line.qty == line.qty.to_integral_value():
            out.append(ApiLine(line.code, line.name, int(line.qty), line.unit_price))
        else:
            title = f"{line.name} ({format_qty(line.qty)} {line.unit})"
            out.append(ApiLine(line.code, title, 1, line.total))
    return out


def e164(phone: str | None) -> str | None:
    """0912345678 -> +84912345678 (what shop APIs expect)."""
    if not phone:
        return None
    return "+84" + phone[1:] if phone.startswith("0") else phone
