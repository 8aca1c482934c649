"""The session report on a known show: its figures, the HTML (escaped, with the chart
and picking slips), the PDF, on real SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from livehelper import report
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.store import Store
from tests.core.test_store import ingest
from tests.helpers import run_cli


def known_show(store: Store) -> int:
    """Three minutes of a show: 6 comments, 4 orders (one rejected, one left waiting),
    two assistants, one buyer with a script for a name."""
    session = store.start_session("Tối thứ bảy")
    store.feature(session.id, "KS")
    start = datetime(2026, 11, 21, 13, 0, tzinfo=UTC)

    def at(minute: int, mid: str, user: str, name: str, text: str) -> IncomingComment:
        return IncomingComment(
            "tiktok", mid, user, name, text, start + timedelta(minutes=minute, seconds=5)
        )

    lan, hoa, evil, tu = ingest(
        store, session.id,
        at(0, "a", "lan", "Chị Lan", "chốt 2kg 0912345678"),
        at(0, "b", "hoa", "Cô Hoa", "lấy 1kg"),
        at(1, "c", "x", "<script>alert(1)</script>", "chốt 1kg"),
        at(1, "d", "y", "Khách", "giá bao nhiêu"),
        at(2, "e", "z", "Bạn", "đẹp quá"),
        at(2, "f", "tu", "Anh Tú", "chốt 3kg"),
    ).claims  # fmt: skip
    store.decide([lan.id, evil.id], ClaimStatus.CONFIRMED, by="Mai")
    store.decide([hoa.id], ClaimStatus.CONFIRMED, by="Lan")
    store.decide([hoa.id], ClaimStatus.CANCELLED, by="Lan")  # cancelled after all
    del tu  # left waiting
    return session.id


def test_the_figures_of_a_known_show(demo_store: Store) -> None:
    figures = report.build(demo_store, known_show(demo_store))
    assert (figures.revenue, figures.orders, figures.buyers) == (105_000, 2, 2)
    assert (figures.comments, figures.order_comments) == (6, 4)
    assert round(figures.conversion, 3) == 0.667
    (ks,) = figures.top_products
    assert (ks.code, ks.qty, ks.revenue) == ("KS", 3, 105_000)
    assert [n for _m, n in figures.per_minute] == [2, 1, 1]
    assert figures.assistants == (("Mai", 2, 0),)  # a cancelled claim counts for nobody
    assert [c.buyer_name for c in figures.leftovers] == ["Anh Tú"]
    assert [o.buyer_name for o in figures.slips] == ["Chị Lan", "<script>alert(1)</script>"]


def test_the_report_page_escapes_buyers_and_has_slips(demo_store: Store) -> None:
    html = report.render_html(report.build(demo_store, known_show(demo_store)))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<svg" in html and html.count("class='slip'") == 2
    assert "105.000₫" in html and "4 (66,7%)" in html
    printable = report.render_html(report.build(demo_store, known_show(demo_store)), for_print=True)
    assert "<svg" not in printable and "bgcolor='#2e7d32'" in printable


def test_report_from_the_command_line(db: str, tmp_path: Path) -> None:
    from tests.helpers import DEMO_CATALOGUE

    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    store = Store.open(db)
    try:
        session = str(known_show(store))
    finally:
        store.close()
    figures = json.loads(run_cli("report", "--session", session, "--json", db=db).stdout)
    assert (figures["revenue"], figures["orders"], figures["leftovers"]) == (
        105_000,
        2,
        [figures["leftovers"][0]],
    )
    run_cli("report", "--session", session, "--out", str(tmp_path / "r.html"), db=db)
    assert "Phiếu soạn hàng" in (tmp_path / "r.html").read_text(encoding="utf-8")
    run_cli("report", "--session", session, "--out", str(tmp_path / "r.pdf"), db=db)
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Count 2" in pdf  # the summary; two slips share a page
    bad = run_cli(
        "report", "--session", session, "--out", str(tmp_path / "r.docx"), db=db, check=False
    )
    assert bad.returncode == 2 and ".html or .pdf" in bad.stderr


def test_picking_slips_share_pages_and_quiet_minutes_have_no_bar(demo_store: Store) -> None:
    import dataclasses

    figures = report.build(demo_store, known_show(demo_store))  # orders at 13:00 and 13:01
    (lan, evil) = figures.slips
    many = tuple(dataclasses.replace(lan, id=n) for n in range(1, 13))  # twelve buyers
    starts = report._starts_page(many)
    assert starts[0] and 2 <= sum(starts) <= 3  # several a page: 2 or 3 pages, not 12
    big = dataclasses.replace(lan, lines=lan.lines * 40)  # 40 lines: a page to itself
    assert report._starts_page((lan, big, evil)) == [True, True, True]
    quiet = dataclasses.replace(  # an order at 13:00, none at 13:01–13:04, one at 13:05
        figures, per_minute=[(figures.per_minute[0][0] + timedelta(minutes=m), n)
                             for m, n in ((0, 2), (1, 0), (2, 0), (3, 0), (4, 0), (5, 1))]
    )  # fmt: skip
    svg = report.render_html(quiet)
    assert svg.count("<rect") == 2  # the two minutes that had orders
    table = report.render_html(quiet, for_print=True)
    assert table.count("bgcolor='#2e7d32'") == 2 and table.count("13:0") >= 6
