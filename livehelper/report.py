"""How the show went: the session report's figures (Qt-free), and the report as a
self-contained HTML page — the window shows it, ``livehelper report`` writes it, and
the PDF is the same page printed (livehelper/ui/pdf.py). Every text a buyer typed is
escaped before it reaches the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from typing import Any

from livehelper.model import Claim, ClaimStatus, Intent, Order, format_qty, format_vnd
from livehelper.store import Store


@dataclass(frozen=True)
class ProductLine:
    code: str
    name: str
    unit: str
    qty: Any  # Decimal
    revenue: int


@dataclass(frozen=True)
class SessionReport:
    session_id: int
    name: str
    started_at: datetime
    ended_at: datetime | None
    revenue: int
    orders: int
    buyers: int
    comments: int
    order_comments: int
    top_products: tuple[ProductLine, ...]
    per_minute: tuple[tuple[datetime, int], ...]  # minute -> order comments that minute
    assistants: tuple[tuple[str, int, int], ...]  # (name, confirmed, rejected)
    leftovers: tuple[Claim, ...]  # still waiting when the report was made
    slips: tuple[Order, ...] = field(default=())

    @property
    def conversion(self) -> float:
        """Order comments / all comments."""
        return self.order_comments / self.comments if self.comments else 0.0

    def as_dict(self) -> dict[str, Any]:
        from livehelper.model import qty_to_json

        return {
            "session_id": self.session_id,
            "name": self.name,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "revenue": self.revenue,
            "orders": self.orders,
            "buyers": self.buyers,
            "comments": self.comments,
            "order_comments": self.order_comments,
            "conversion": round(self.conversion, 4),
            "top_products": [
                {
                    "code": p.code,
                    "name": p.name,
                    "unit": p.unit,
                    "qty": qty_to_json(p.qty),
                    "revenue": p.revenue,
                }
                for p in self.top_products
            ],
            "per_minute": [{"minute": m.isoformat(), "orders": n} for m, n in self.per_minute],
            "assistants": [
                {"name": n, "confirmed": c, "rejected": r} for n, c, r in self.assistants
            ],
            "leftovers": [c.id for c in self.leftovers],
        }


def build(store: Store, session_id: int) -> SessionReport:
    session = store.session(session_id)
    orders = store.orders(session_id)
    claims = store.claims(session_id)
    order_times = store.comment_times(session_id, Intent.ORDER)
    per_minute = _per_minute(order_times)
    sold: dict[str, ProductLine] = {}
    for order in orders:
        for line in order.lines:
            before = sold.get(line.code)
            sold[line.code] = ProductLine(
                line.code,
                line.name,
                line.unit,
                line.qty + (before.qty if before else 0),
                line.total + (before.revenue if before else 0),
            )
    decided: dict[str, list[int]] = {}
    for claim in claims:
        if claim.status in (ClaimStatus.CONFIRMED, ClaimStatus.REJECTED) and claim.decided_by:
            counts = decided.setdefault(claim.decided_by, [0, 0])
            counts[0 if claim.status is ClaimStatus.CONFIRMED else 1] += 1
    return SessionReport(
        session_id=session_id,
        name=session.name,
        started_at=session.started_at,
        ended_at=session.ended_at,
        revenue=sum(o.total for o in orders),
        orders=len(orders),
        buyers=len({o.buyer_id for o in orders}),
        comments=store.comment_count(session_id),
        order_comments=len(order_times),
        top_products=tuple(sorted(sold.values(), key=lambda p: (-p.revenue, p.code))),
        per_minute=tuple(per_minute),
        assistants=tuple(sorted(((n, c, r) for n, (c, r) in decided.items()), key=lambda a: -a[1])),
        leftovers=tuple(c for c in claims if c.status is ClaimStatus.PENDING),
        slips=tuple(orders),
    )


DENSE_MINUTES = 12 * 60  # a show this long is charted minute by minute, quiet ones too
CHART_BARS = 240  # at most this many bars: more minutes are grouped


def _per_minute(times: list[datetime]) -> list[tuple[datetime, int]]:
    """Order comments per minute: every minute from the first to the last when that
    span is a show's, otherwise only the minutes that had orders. One comment with a
    clock ten years off must not make a chart of five million minutes."""
    minutes = Counter(t.replace(second=0, microsecond=0) for t in times)
    if not minutes:
        return []
    first, last = min(minutes), max(minutes)
    if last - first > timedelta(minutes=DENSE_MINUTES):
        return sorted(minutes.items())
    span = int((last - first).total_seconds() // 60) + 1
    return [
        (first + timedelta(minutes=i), minutes.get(first + timedelta(minutes=i), 0))
        for i in range(span)
    ]


def _grouped(
    per_minute: Sequence[tuple[datetime, int]], most: int
) -> tuple[list[tuple[datetime, int]], int]:
    """At most ``most`` bars: runs of minutes added up, and how many minutes a bar is."""
    group = max(1, -(-len(per_minute) // most))
    bars = [
        (per_minute[start][0], sum(n for _m, n in per_minute[start : start + group]))
        for start in range(0, len(per_minute), group)
    ]
    return bars, group


def _clock_format(report: SessionReport) -> str:
    """HH:MM, with the day when the chart is not within one day."""
    one_day = report.per_minute[-1][0] - report.per_minute[0][0] < timedelta(hours=20)
    return "%H:%M" if one_day else "%d/%m/%Y %H:%M"


# ------------------------------------------------------------------------ HTML
CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #222; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 22px 0 8px; }
.muted { color: #666; } table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th { background: #f1f1f1; } td.n { text-align: right; }
.figures td { border: none; padding: 2px 16px 2px 0; } .figures .v { font-weight: bold; }
.slip { border-top: 1px dashed #999; padding-top: 6px; margin-top: 14px; }
.slip h2 { margin-top: 4px; }
"""
SLIP_ROWS_A_PAGE = 34  # what an A4 page holds, in slip lines (measured, with a margin)


def _slip_rows(order: Order) -> int:
    """The lines one picking slip takes: its title, buyer, address, table head, goods,
    the COD line, a note."""
    return 6 + len(order.lines) + (1 if order.note else 0)


def _starts_page(slips: Sequence[Order]) -> list[bool]:
    """Which slips begin a new page: several share one, none is cut in two (Qt's
    printer knows no page-break-inside, so the packing is done here)."""
    starts, used = [], SLIP_ROWS_A_PAGE
    for order in slips:
        rows = _slip_rows(order)
        new = used + rows > SLIP_ROWS_A_PAGE
        used = rows if new else used + rows
        starts.append(new)
    return starts


def render_html(report: SessionReport, for_print: bool = False) -> str:
    """The report as one HTML page. ``for_print``: the chart as table bars, which Qt's
    PDF printer draws (it draws no SVG)."""
    e = escape
    when = report.started_at.astimezone().strftime("%d/%m/%Y %H:%M")
    parts = [
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>",
        f"<title>Báo cáo phiên live – {e(report.name)}</title><style>{CSS}</style></head><body>",
        f"<h1>Báo cáo phiên live: {e(report.name)}</h1>",
        f"<p class='muted'>Bắt đầu {when} · livehelper</p>",
        "<table class='figures'>",
    ]
    for label, value in (
        ("Doanh thu", format_vnd(report.revenue)),
        ("Đơn hàng", str(report.orders)),
        ("Khách mua", str(report.buyers)),
        ("Bình luận", str(report.comments)),
        (
            "Bình luận đặt hàng",
            f"{report.order_comments} ({report.conversion * 100:.1f}%)".replace(".", ","),
        ),
        ("Đơn chưa xử lý", str(len(report.leftovers))),
    ):
        parts.append(f"<tr><td>{label}</td><td class='v'>{e(value)}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Sản phẩm bán chạy</h2><table><tr><th>Mã</th><th>Sản phẩm</th>"
                 "<th>Số lượng</th><th>Doanh thu</th></tr>")  # fmt: skip
    for p in report.top_products:
        parts.append(
            f"<tr><td>{e(p.code)}</td><td>{e(p.name)}</td>"
            f"<td class='n'>{e(format_qty(p.qty))} {e(p.unit)}</td>"
            f"<td class='n'>{e(format_vnd(p.revenue))}</td></tr>"
        )
    parts.append("</table>")

    parts.append("<h2>Đơn đặt theo phút</h2>")
    parts.append(_chart_table(report) if for_print else _chart_svg(report))

    parts.append("<h2>Người trực</h2><table><tr><th>Tên</th><th>Xác nhận</th><th>Từ chối</th></tr>")
    for name, confirmed, rejected in report.assistants:
        parts.append(
            f"<tr><td>{e(name)}</td><td class='n'>{confirmed}</td><td class='n'>{rejected}</td></tr>"
        )
    parts.append("</table>")

    if report.leftovers:
        parts.append(
            "<h2>Đơn chưa xử lý</h2><table><tr><th>#</th><th>Khách</th><th>Bình luận</th></tr>"
        )
        for claim in report.leftovers:
            parts.append(
                f"<tr><td>{claim.id}</td><td>{e(claim.buyer_name)}</td><td>{e(claim.text)}</td></tr>"
            )
        parts.append("</table>")

    # picking slips: one per buyer, several to a page, each whole on its page
    for order, new_page in zip(report.slips, _starts_page(report.slips), strict=True):
        page = " style='page-break-before: always'" if new_page else ""
        parts.append(
            f"<div class='slip'{page}><h2>Phiếu soạn hàng – đơn {order.id}</h2>"
            f"<p><b>{e(order.buyer_name)}</b> ({e(order.platform)}) · "
            f"{e(order.phone or 'chưa có số điện thoại')}<br>"
            f"{e(order.address or 'chưa có địa chỉ')}</p>"
            "<table><tr><th>☐</th><th>Mã</th><th>Sản phẩm</th><th>Số lượng</th>"
            "<th>Thành tiền</th></tr>"
        )
        for line in order.lines:
            parts.append(
                f"<tr><td>☐</td><td>{e(line.code)}</td><td>{e(line.name)}</td>"
                f"<td class='n'>{e(format_qty(line.qty))} {e(line.unit)}</td>"
                f"<td class='n'>{e(format_vnd(line.total))}</td></tr>"
            )
        parts.append(
            f"<tr><td colspan='4'><b>Thu hộ (COD)</b></td>"
            f"<td class='n'><b>{e(format_vnd(order.total))}</b></td></tr></table>"
        )
        if order.note:
            parts.append(f"<p>Ghi chú: {e(order.note)}</p>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _chart_svg(report: SessionReport) -> str:
    if not report.per_minute:
        return "<p class='muted'>Chưa có đơn.</p>"
    width, height, label = 720, 180, 18  # the labels have their own strips
    bars, group = _grouped(report.per_minute, CHART_BARS)
    top = max(n for _m, n in bars) or 1
    step = width / len(bars)
    clock = _clock_format(report)
    rects = []
    for i, (minute, count) in enumerate(bars):
        if not count:
            continue  # a quiet minute is a gap, not a bar
        h = height * count / top
        rects.append(
            f"<rect x='{i * step:.1f}' y='{label + height - h:.1f}' "
            f"width='{max(step - 1, 1):.1f}' height='{h:.1f}' fill='#2e7d32'>"
            f"<title>{minute.astimezone():{clock}}: {count}</title></rect>"
        )
    first = f"{bars[0][0].astimezone():{clock}}"
    last = f"{report.per_minute[-1][0].astimezone():{clock}}"
    unit = "phút" if group == 1 else f"{group} phút"
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' "
        f"height='{label + height + label}' role='img' aria-label='Đơn đặt theo phút'>"
        f"{''.join(rects)}"
        f"<text x='0' y='{label + height + 14}' font-size='12'>{first}</text>"
        f"<text x='{width}' y='{label + height + 14}' font-size='12' text-anchor='end'>{last}</text>"
        f"<text x='{width}' y='13' font-size='12' text-anchor='end'>tối đa {top}/{unit}</text></svg>"
    )


def _chart_table(report: SessionReport) -> str:
    """The same chart as horizontal bars in a table (grouped to at most 30 rows)."""
    if not report.per_minute:
        return "<p class='muted'>Chưa có đơn.</p>"
    rows, group = _grouped(report.per_minute, 30)
    clock = _clock_format(report)
    label = 60 if clock == "%H:%M" else 140
    top = max(n for _m, n in rows) or 1
    out = ["<table>"]
    for minute, count in rows:
        width = max(1, int(400 * count / top))
        bar = (  # a quiet minute has no bar
            f"<table><tr><td width='{width}' bgcolor='#2e7d32' style='border:none'>&nbsp;"
            "</td></tr></table>"
            if count
            else ""
        )
        out.append(
            f"<tr><td width='{label}' style='white-space: nowrap'>{minute.astimezone():{clock}}"
            f"</td><td class='n' width='40'>{count}</td>"
            f"<td style='border:none'>{bar}</td></tr>"  # widths given: Qt wraps "15:12" else
        )
    out.append("</table>")
    if group > 1:
        out.append(f"<p class='muted'>Mỗi dòng: {group} phút.</p>")
    return "".join(out)
