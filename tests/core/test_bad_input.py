"""Hostile or broken input never costs a good order (issue: bad input).

Each test feeds what a buyer, a platform or a file can really send, on the real
databases, and checks that the good orders beside it are stored and the bad part is
refused with a message, not a traceback.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from livehelper.comments.parser import parser_for
from livehelper.model import IncomingComment
from livehelper.pipeline import Pipeline
from tests.helpers import DEMO_CATALOGUE, run_cli


def _comment(n: int, text: str = "chốt 2kg", **fields: object) -> IncomingComment:
    values: dict[str, object] = {
        "platform": "facebook",
        "message_id": f"m{n}",
        "user_id": f"u{n}",
        "user_name": f"Khách {n}",
        "text": text,
        "received_at": datetime.now(UTC),
    }
    values.update(fields)
    return IncomingComment(**values)  # type: ignore[arg-type]


HOSTILE = {
    "nul in text": {"text": "chốt 2kg\x00 nhé"},
    "nul in name": {"user_name": "Lan\x00"},
    "long message id": {"message_id": "x" * 300},
    "long user id": {"user_id": "y" * 300},
    "long platform": {"platform": "p" * 80},
    "lone surrogate": {"text": "chốt 1kg \ud800"},
    "control characters": {"user_name": "Hà\x01\x0bNội", "text": "chốt\x1b 3kg"},
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_one_hostile_comment_does_not_cost_its_batch(demo_store, kind: str) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session = store.start_session("x")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    batch = [_comment(n) for n in range(5)]
    batch.append(_comment(99, **HOSTILE[kind]))
    batch += [_comment(n) for n in range(5, 10)]
    result = store.ingest(session.id, batch, parse)
    assert len(result.comments) == 11
    assert len(result.claims) == 11  # the hostile one is an order too, cleaned
    stored = store.comments(session.id)
    assert all("\x00" not in c.text and "\ud800" not in c.text for c in stored)
    # delivered again, the cleaned comment is recognised as the same one
    again = store.ingest(session.id, [_comment(99, **HOSTILE[kind])], parse)
    assert again.duplicates == 1 and not again.comments


def test_two_long_ids_stay_two_comments(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session = store.start_session("x")
    parse = parser_for(store.products()).parse
    first = _comment(1, message_id="z" * 200 + "A")
    second = _comment(2, message_id="z" * 200 + "B")
    result = store.ingest(session.id, [first, second], parse)
    assert len(result.comments) == 2


def test_a_comment_refused_alone_leaves_the_rest_stored(demo_store) -> None:  # type: ignore[no-untyped-def]
    """Whatever the database still refuses (here a naive time, which the store will
    not guess the zone of) costs only that comment: the batch is stored one by one."""
    store = demo_store
    session = store.start_session("x")
    store.feature(session.id, "KS")
    refused: list[tuple[BaseException, int]] = []
    pipeline = Pipeline(store, session.id, on_error=lambda e, b: refused.append((e, len(b))))
    stored: list[int] = []
    pipeline.add_listener(lambda r: stored.extend(c.id for c in r.claims))
    # queued before the writer can take them, so they form one batch
    items = [_comment(n) for n in range(10)]
    items.insert(4, _comment(50, received_at=datetime(2026, 1, 1)))  # naive: refused
    for item in items:
        pipeline.submit(item)
    assert pipeline.drain(30)
    pipeline.close()
    assert len(stored) == 10
    assert len(refused) == 1
    from livehelper.errors import CommentRefused

    assert isinstance(refused[0][0], CommentRefused) and refused[0][1] == 1


def test_long_assistant_and_session_names(demo_store) -> None:  # type: ignore[no-untyped-def]
    from livehelper.model import ClaimStatus

    store = demo_store
    session = store.start_session("S" * 500)
    assert len(store.session(session.id).name) == 200
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    claim = store.ingest(session.id, [_comment(1)], parse).claims[0]
    name = "Trợ lý " * 30
    assert store.hold(claim.id, name)
    decided = store.decide([claim.id], ClaimStatus.CONFIRMED, by=name)
    assert decided[0].ok
    assert store.claim(claim.id).decided_by == name[:64]


def _live(db: str) -> str:
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", "--name", "x", db=db).stdout.strip()
    run_cli("feature", "--session", session, "KS", db=db)
    return session


def test_ingest_stores_good_lines_around_absurd_times_and_nul(db: str, tmp_path: Path) -> None:
    session = _live(db)
    good = [{"id": f"g{n}", "user_id": f"u{n}", "text": "chốt 2kg"} for n in range(6)]
    bad_times = [1e20, -1e300, "Infinity", "9999-12-31T23:59:59-01:00", "NaN", 0, "mai"]
    lines = [json.dumps(good[0]), json.dumps(good[1])]
    lines += [
        json.dumps({"id": f"t{n}", "text": "chốt 1kg", "ts": ts}) for n, ts in enumerate(bad_times)
    ]
    lines.append('{"id": "inf", "text": "chốt 1kg", "ts": Infinity}')  # Python's json reads it
    lines.append(json.dumps({"id": "nul", "user_id": "u\u0000", "text": "chốt 2kg\u0000"}))
    lines += [json.dumps(g) for g in good[2:]]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("ingest", "--session", session, str(src), db=db)
    summary = json.loads(done.stdout)
    assert summary["read"] == len(lines)
    assert summary["malformed"] == len(bad_times) + 1
    assert summary["stored"] == 7 and summary["claims"] == 7
    assert summary["errors"] == []
    assert "Traceback" not in done.stderr


def test_ingest_reads_a_file_with_a_broken_byte(db: str, tmp_path: Path) -> None:
    session = _live(db)
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "ch\xff\xfet 2kg"}\n{"id": "b", "user_id": "u2", "text": "ch\xe1\xbb\x91t 1kg"}\n'
    )
    summary = json.loads(run_cli("ingest", "--session", session, str(src), db=db).stdout)
    assert summary["stored"] == 2


def test_report_with_comments_dated_years_off_stays_small(demo_store) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from livehelper import report

    store = demo_store
    session = store.start_session("x")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    now = datetime.now(UTC)
    batch = [_comment(n, received_at=now - timedelta(minutes=n)) for n in range(5)]
    batch.append(_comment(90, received_at=now - timedelta(days=3650)))
    batch.append(_comment(91, received_at=datetime(1970, 1, 1, tzinfo=UTC)))
    store.ingest(session.id, batch, parse)
    figures = report.build(store, session.id)
    assert figures.order_comments == 7
    assert sum(n for _m, n in figures.per_minute) == 7
    assert len(figures.per_minute) <= 7  # only the minutes with orders
    for for_print in (False, True):
        page = report.render_html(figures, for_print=for_print)
        assert len(page) < 200_000
        assert "1970" in page  # the odd minute is shown with its date, not hidden


def _confirmed_orders(store, names: list[str]):  # type: ignore[no-untyped-def]
    from livehelper.model import ClaimStatus

    session = store.start_session("x")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    batch = [
        _comment(n, f"chốt {n + 1}kg 0912 345 67{n}", user_name=name)
        for n, name in enumerate(names)
    ]
    result = store.ingest(session.id, batch, parse)
    store.decide([c.id for c in result.claims], ClaimStatus.CONFIRMED)
    return session, store.orders(session.id)


TEMPLATES = ["generic", "ghn", "ghtk", "viettelpost", "sapo", "kiotviet"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_xlsx_takes_control_characters_in_every_template(
    demo_store, tmp_path: Path, name: str
) -> None:  # type: ignore[no-untyped-def]
    """Straight to the writer (the store already cleans what it keeps): Word's vertical
    tab and other controls in a name, an address and a note."""
    import dataclasses

    import openpyxl

    from livehelper.export import FORMATS, templates

    _session, orders = _confirmed_orders(demo_store, ["Lan", "Hà"])
    hostile = [
        dataclasses.replace(
            orders[0],
            buyer_name="Chị\x01 Lan\x0bNgọc",
            address="thôn Nà Pàn\x0b xã Chi Lăng\x1f, Lạng Sơn\x00",
            note="gọi trước\x08",
        ),
        orders[1],
    ]
    out = tmp_path / "o.xlsx"
    FORMATS["xlsx"].write(hostile, out, templates.load(name))
    text = "\n".join(
        str(v)
        for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    assert "Lan" in text
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text)


def test_a_failed_file_export_records_no_batch(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.export import templates, write_file

    session, orders = _confirmed_orders(demo_store, ["Lan"])
    missing = tmp_path / "no such folder" / "orders.xlsx"
    with pytest.raises(OSError):
        write_file(demo_store, session.id, orders, "xlsx", missing, templates.load("ghtk"))
    assert demo_store.batches(session.id) == []
    assert demo_store.exported("file:ghtk", [o.id for o in orders]) == {}
    folder = tmp_path / "files"
    folder.mkdir()
    out = folder / "orders.xlsx"
    write_file(demo_store, session.id, orders, "xlsx", out, templates.load("ghtk"))
    (batch,) = demo_store.batches(session.id)
    assert batch["finished_at"] and batch["sent"] == 1
    assert list(folder.iterdir()) == [out]  # no .part left behind


def test_buyers_set_name_fixes_a_name_for_the_export(db: str, tmp_path: Path) -> None:
    session = _live(db)
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "1", "user_id": "u1", "user_name": "Lan\u0001", "text": "chốt 2kg"})
        + "\n"
    )
    run_cli("ingest", "--session", session, str(src), db=db)
    (buyer,) = json.loads(run_cli("buyers", "find", "Lan", "--json", db=db).stdout)
    card = json.loads(
        run_cli(
            "buyers", "set", str(buyer["id"]), "--name", "Chị Lan Nà Pàn", "--json", db=db
        ).stdout
    )
    assert [a["name"] for a in card["accounts"] if a["id"] == buyer["id"]] == ["Chị Lan Nà Pàn"]
    empty = run_cli("buyers", "set", str(buyer["id"]), "--name", "  ", db=db, check=False)
    assert empty.returncode == 2 and "Traceback" not in empty.stderr


def test_csv_neutralises_formulas_after_separators_and_keeps_phones_as_text(
    demo_store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import csv

    from livehelper.export import FORMATS

    _session, orders = _confirmed_orders(
        demo_store, ['Hà;=HYPERLINK("http://x";"y")', "Lan,+1", "Tú\t@SUM(A1)"]
    )
    out = tmp_path / "o.csv"
    FORMATS["csv"].write(orders, out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows:
        # split as Vietnamese Excel does (on ';'), and on ',' and tab: no piece is a formula
        for piece in re.split(r"[;,\t]", row["buyer"]):
            assert not piece.lstrip(" \"'").startswith(("=", "+", "-", "@")) or piece.lstrip(
                ' "'
            ).startswith("'")
        assert row["phone"].startswith('="0') and row["phone"].endswith('"')


# ------------------------------------------------------------------ catalogue
def _catalogue(tmp_path: Path, body: str, name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_text("code,name,price,unit,stock,aliases\n" + body, encoding="utf-8")
    return path


def test_product_codes_are_case_insensitive(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.catalogue import read_catalogue

    store = demo_store
    before = {p.code: p for p in store.products()}
    result = store.import_products(
        read_catalogue(_catalogue(tmp_path, "ks,Khoai sâm,40000,kg,50,\n"))
    )
    assert (result.added, result.updated) == (0, 1)
    after = {p.code: p for p in store.products()}
    assert set(after) == set(before)
    assert after["KS"].price == 40000
    session = store.start_session("x")
    store.feature(session.id, "KS")
    claim = store.ingest(session.id, [_comment(1)], parser_for(store.products()).parse).claims[0]
    assert claim.items[0].unit_price == 40000


@pytest.mark.parametrize("code", ["KG", "kg", "C", "X2", "2", "500G", "CHOT", "HOP", "huy"])
def test_codes_that_are_order_words_are_refused_with_the_reason(tmp_path: Path, code: str) -> None:
    from livehelper.catalogue import read_catalogue
    from livehelper.errors import CatalogueError

    with pytest.raises(CatalogueError) as caught:
        read_catalogue(
            _catalogue(tmp_path, f"KS,Khoai sâm,35000,kg,10,\n{code},Gì đó,1000,kg,5,\n")
        )
    (problem,) = caught.value.problems
    assert problem.line == 3 and problem.reason == "code_is_order_word"
    assert "chốt 2kg" in str(caught.value)


def test_ordinary_codes_still_import(tmp_path: Path) -> None:
    from livehelper.catalogue import read_catalogue

    codes = ["KS", "NA", "MO", "HOI", "MAT", "GAO", "NAM", "MAN", "K2", "CAM-01"]
    body = "".join(f"{c},Sản phẩm {c},1000,kg,,\n" for c in codes)
    assert [s.code for s in read_catalogue(_catalogue(tmp_path, body))] == codes


@pytest.mark.parametrize(
    ("price", "stock", "reason"),
    [
        ("35000", "Infinity", "bad_stock"),
        ("35000", "NaN", "bad_stock"),
        ("35000", "1e30", "stock_too_high"),
        ("Infinity", "5", "bad_price"),
        ("NaN", "5", "bad_price"),
        ("1000000000000000000000", "5", "price_too_high"),
    ],
)
def test_absurd_numbers_get_a_line_numbered_message(
    tmp_path: Path, price: str, stock: str, reason: str
) -> None:
    from livehelper.catalogue import read_catalogue
    from livehelper.errors import CatalogueError

    with pytest.raises(CatalogueError) as caught:
        read_catalogue(
            _catalogue(tmp_path, f"KS,Khoai sâm,35000,kg,10,\nNA,Na,{price},hộp,{stock},\n")
        )
    assert [(p.line, p.reason) for p in caught.value.problems] == [(3, reason)]


def test_absurd_numbers_from_excel(tmp_path: Path) -> None:
    import openpyxl

    from livehelper.catalogue import read_catalogue
    from livehelper.errors import CatalogueError

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "name", "price", "unit", "stock"])
    sheet.append(["KS", "Khoai", float("inf"), "kg", 5])
    sheet.append(["NA", "Na", 1e30, "hộp", 5])
    sheet.append(["MO", "Mật ong", 250000, "chai", 1e30])
    sheet.append(["GAO", "Gạo", 30000, "kg", "=B2*2"])  # a formula nobody calculated
    path = tmp_path / "c.xlsx"
    book.save(path)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(path)
    assert [(p.line, p.reason) for p in caught.value.problems] == [
        (2, "bad_price"),
        (3, "price_too_high"),
        (4, "stock_too_high"),
        (5, "formula_without_value"),
    ]


def test_a_semicolon_separated_file_imports(tmp_path: Path) -> None:
    from livehelper.catalogue import read_catalogue

    path = tmp_path / "c.csv"
    path.write_text(
        "mã;tên;giá;đơn vị;tồn kho\nKS;Khoai sâm, loại 1;35.000;kg;10\n", encoding="utf-8-sig"
    )
    (spec,) = read_catalogue(path)
    assert (spec.code, spec.name, spec.price, spec.stock) == ("KS", "Khoai sâm, loại 1", 35000, 10)


def test_catalogue_import_from_the_cli_never_shows_a_traceback(db: str, tmp_path: Path) -> None:
    path = _catalogue(tmp_path, "KS,Khoai sâm,35000,kg,NaN,\nKG,Ký,1000,kg,1,\n")
    done = run_cli("catalog", "import", str(path), db=db, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "line 2" in done.stderr and "line 3" in done.stderr
    assert (
        json.loads(run_cli("catalog", "list", "--json", db=db).stdout) == []
    )  # nothing half-imported


# ---------------------------------------------------------------------- stock
def test_an_absurd_quantity_neither_holds_the_shelf_nor_heads_the_line(demo_store) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from livehelper.model import ClaimStatus

    store = demo_store
    session = store.start_session("x")
    store.feature(session.id, "KS")  # 80 kg on the shelf
    parse = parser_for(store.products()).parse
    absurd, whole, later = store.ingest(
        session.id,
        [_comment(1, "chốt 9999kg"), _comment(2, "chốt 80kg"), _comment(3, "chốt 2kg")],
        parse,
    ).claims
    assert absurd.ambiguous and not absurd.waitlisted and absurd.reserved_at is None
    assert whole.reserved_at is not None  # the whole shelf, once: possible
    assert later.waitlisted
    (decision,) = store.decide([whole.id], ClaimStatus.REJECTED)
    assert decision.offered == (later.id,)  # not stuck behind the 9999 kg
    # the show's cap counts as the whole shelf too
    store.set_cap(session.id, "KS", Decimal(5))
    (capped,) = store.ingest(session.id, [_comment(4, "chốt 6kg")], parse).claims
    assert capped.ambiguous and not capped.waitlisted and capped.reserved_at is None


# ------------------------------------------------------- the database goes away
@pytest.fixture
def own_postgres():  # type: ignore[no-untyped-def]
    """A PostgreSQL server of this test's own, since the test restarts it."""
    from tests.conftest import require_part
    from tests.real.pg_server import PostgresServer, find_pg_bin

    bindir = find_pg_bin()
    if bindir is None:
        require_part("PostgreSQL", "no initdb found (apt-get install postgresql)")
    server = PostgresServer(bindir)  # type: ignore[arg-type]
    server.start()
    yield server
    server.stop()


def _pending_claims(url: str, count: int) -> tuple[int, list[int]]:
    from livehelper.store import ProductSpec, Store

    store = Store.open(url)
    try:
        store.import_products([ProductSpec("KS", "Khoai sâm", 35000, "kg", None, ())])
        session = store.start_session("x")
        store.feature(session.id, "KS")
        parse = parser_for(store.products()).parse
        claims = store.ingest(
            session.id, [_comment(n, "chốt 1kg") for n in range(count)], parse
        ).claims
        return session.id, [c.id for c in claims]
    finally:
        store.close()


def test_decisions_wait_for_a_restarting_database(own_postgres) -> None:  # type: ignore[no-untyped-def]
    import threading

    from livehelper.model import ClaimStatus
    from livehelper.store import Store

    url = own_postgres.url()
    _session, ids = _pending_claims(url, 3)
    store = Store.open(url)
    try:
        assert store.decide(ids[:1], ClaimStatus.CONFIRMED)[0].ok  # the pool has a connection
        own_postgres.halt()
        back = threading.Timer(1.0, own_postgres.resume)
        back.start()
        decisions = store.decide(ids[1:], ClaimStatus.CONFIRMED, by="Lan")
        back.join()
        assert [d.ok for d in decisions] == [True, True], decisions
        assert {c.status for c in store.claims(_session)} == {ClaimStatus.CONFIRMED}
    finally:
        store.close()


def test_queue_confirm_reports_every_claim_when_the_database_restarts(own_postgres) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    import threading

    url = own_postgres.url().replace("postgresql+psycopg://", "postgresql://")
    session, ids = _pending_claims(url, 300)
    cli = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "livehelper",
            "queue",
            "confirm",
            *map(str, ids),
            "--json",
            "--db",
            url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # restart while it decides, wherever it is: every claim must still be accounted for
    restart = threading.Timer(0.8, lambda: (own_postgres.halt(), own_postgres.resume()))
    restart.start()
    out, err = cli.communicate(timeout=120)
    restart.join()
    assert "Traceback" not in err, err
    decisions = json.loads(out)
    assert [d["id"] for d in decisions] == ids
    assert all(d["ok"] or d["error"] for d in decisions)
    assert cli.returncode == (0 if all(d["ok"] for d in decisions) else 1)
    confirmed = json.loads(
        run_cli(
            "queue", "list", "--session", str(session), "--status", "confirmed", "--json", db=url
        ).stdout
    )
    assert {c["id"] for c in confirmed} == {d["id"] for d in decisions if d["ok"]}


def test_a_full_disk_is_called_a_full_disk(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    """SQLite's own "database or disk is full" (SQLITE_FULL), made real by a page limit
    on every connection: the user is told the disk is full, not that it is busy."""
    import logging

    import sqlalchemy as sa

    from livehelper.catalogue import read_catalogue
    from livehelper.errors import DiskFull
    from livehelper.store import Store

    store = Store.open(f"sqlite:///{tmp_path / 'full.sqlite3'}")
    try:
        store.import_products(read_catalogue(DEMO_CATALOGUE))
        session = store.start_session("x")
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        store.engine.dispose()
        sa.event.listen(
            store.engine,
            "connect",
            lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count = {pages + 2}"),
        )
        failures: list[BaseException] = []
        pipeline = Pipeline(store, session.id, on_error=lambda e, _b: failures.append(e))
        big = "chốt 2kg " + "x" * 50_000  # a few of these fill two pages at once
        with caplog.at_level(logging.WARNING):
            for n in range(5):
                pipeline.submit(_comment(n, big))
            assert pipeline.drain(60)
        pipeline.close()
        assert failures and all(isinstance(e, DiskFull) for e in failures)
        assert "disk is full" in str(failures[0])
        assert "database busy" not in caplog.text and "disk full" in caplog.text
    finally:
        store.close()


@pytest.mark.parametrize(
    "args",
    [
        ["queue", "confirm", "99999999999999999999"],
        ["queue", "reject", "-5"],
        ["queue", "list", "--session", "1e9"],
        ["overlay", "countdown", "--session", "1", "--minutes", "1e300"],
        ["overlay", "countdown", "--session", "1", "--minutes", "nan"],
        ["overlay", "qr", "--session", "1", "--show", "--amount", "99999999999999999999999"],
        ["overlay", "serve", "--session", "1", "--port", "99999"],
        ["stock", "--session", "1", "--cap", "KS=1e30"],
        ["stock", "--session", "1", "--cap", "KS=-2"],
        ["stock", "--session", "1", "--reserve-minutes", "inf"],
        ["settings", "reserve_minutes=1e308"],
        ["orders", "outcome", "3000000000", "delivered"],
        ["buyers", "show", "99999999999999"],
    ],
)
def test_out_of_range_numbers_exit_2_with_a_message(db: str, args: list[str]) -> None:
    run_cli("session", "start", db=db)
    done = run_cli(*args, db=db, check=False)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr and done.stderr.strip()


def test_no_screen_is_said_plainly(tmp_path: Path) -> None:
    """Over SSH or on a server: not Qt's misleading libxcb-cursor0 message."""
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "livehelper", "--db", str(tmp_path / "x.sqlite3")],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "no screen" in done.stderr and "livehelper demo --headless" in done.stderr
    assert "xcb" not in done.stderr
