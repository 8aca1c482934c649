"""Benchmarks (figures, not tests): ``livehelper bench ingest`` and ``bench parse``.

ingest: N synthetic comments through the full pipeline (store -> parse -> claims)
on fresh SQLite files in a temp folder, in two phases:
  * flood: all N handed in as fast as possible -> throughput (comments_per_s), three
    times, each beside the machine's storage limit measured in the same database
    (``limit_ratio``, the median of the three);
  * paced: N comments arriving at ``rate`` per second -> latency from hand-in to
    claim durable (p50_ms, p99_ms), which is what an assistant feels. Without a rate,
    at 40 % of the flood's throughput in the same run (``latency_share``), so that the
    figure says how the writer copes at a steady share of its capacity, whatever the
    machine.

The reader process is started and ready before the flood, as a live's start makes it.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from livehelper.catalogue import read_catalogue
from livehelper.comments.parser import Parser
from livehelper.model import IncomingComment, Intent, ParseResult
from livehelper.pipeline import Pipeline
from livehelper.resources_path import resource_file
from livehelper.store import IngestResult, Store

TEMPLATES = (
    "chốt {n}kg",
    "lay KS x{n} 09{p}",
    "cho e {n} hộp na",
    "giá bao nhiêu shop",
    "còn không ạ",
    "KS {n}kg, na {n} hộp",
    "huỷ đơn nhé",
    "shop ơi ship Hà Nội mấy ngày",
    "❤️❤️",
    "+1",
    "e lấy {n} túi hồi",
    "mật ong {n} chai",
    "lần trước mua {n} túi ngon lắm",
    "chốt đơn",
    "Chị ơi cho em {n} ký khoai sâm nhé, sđt 09{p}",
    "ck 350.000đ rồi nha",
    "đẹp quá",
)


def synthetic_comments(count: int, seed: int = 7, prefix: str = "b") -> list[IncomingComment]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    buyers = max(1, count // 5)
    out = []
    for i in range(count):
        user = rng.randrange(buyers)
        text = rng.choice(TEMPLATES).format(n=rng.randint(1, 5), p=f"{rng.randrange(10**8):08d}")
        out.append(
            IncomingComment(
                "tiktok",
                f"{prefix}{i}",
                f"u{user}",
                f"Người mua {user}",
                text,
                now,
                raw={"text": text},
            )
        )
    return out


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _run(
    store: Store, session_id: int, comments: list[IncomingComment], rate: float | None
) -> tuple[float, list[float], int]:
    handed: dict[str, float] = {}
    latencies: list[float] = []
    stored = 0
    lock = threading.Lock()

    def on_batch(result: IngestResult) -> None:
        nonlocal stored
        done = time.perf_counter()
        with lock:
            stored += len(result.comments)
            latencies.extend((done - handed[c.message_id]) * 1000 for c in result.comments)

    pipeline = Pipeline(store, session_id, on_batch=on_batch)
    pipeline.wait_ready(60)  # as a show's writer is, before its first comment
    start = time.perf_counter()
    for index, comment in enumerate(comments):
        if rate:
            due = start + index / rate
            while (wait := due - time.perf_counter()) > 0:
                time.sleep(min(wait, 0.002))
        with lock:
            handed[comment.message_id] = time.perf_counter()
        pipeline.submit(comment)
    pipeline.drain()
    seconds = time.perf_counter() - start
    pipeline.close()
    return seconds, latencies, stored


LATENCY_SHARE = 0.4


def _fresh_store(folder: str, name: str) -> tuple[Store, int]:
    store = Store.open(f"sqlite:///{Path(folder) / name}")
    with resource_file("demo/catalogue.csv") as path:
        store.import_products(read_catalogue(path))
    session = store.start_session("bench")
    store.feature(session.id, "KS")
    return store, session.id


def bench_ingest(count: int = 20000, rate: float | None = None, runs: int = 3) -> dict[str, Any]:
    """``runs`` floods, each on a fresh database with the machine's storage limit
    measured right after it in the same database (the ratio of the two is what the
    noisy machine cannot change much); then one paced phase."""
    from livehelper.comments import reader_process

    reader = reader_process.shared()
    reader.start()
    reader.wait_ready(60)
    per_second: list[float] = []
    ratios: list[float] = []
    limits: list[float] = []
    lost = 0
    with tempfile.TemporaryDirectory(prefix="livehelper-bench-") as folder:
        for run in range(max(1, runs)):
            store, session_id = _fresh_store(folder, f"flood{run}.sqlite3")
            seconds, flood_lat, flood_stored = _run(
                store, session_id, synthetic_comments(count, prefix="f"), rate=None
            )
            lost += count - flood_stored
            limit = storage_limit(store, session_id, count)
            store.close()
            per_second.append(count / seconds)
            limits.append(limit)
            ratios.append(count / seconds / limit)
        capacity = statistics.median(per_second)
        rate = rate or round(LATENCY_SHARE * capacity)
        store, session_id = _fresh_store(folder, "paced.sqlite3")
        paced = synthetic_comments(count, seed=8, prefix="p")
        paced_seconds, paced_lat, paced_stored = _run(store, session_id, paced, rate=rate)
        claims = len(store.claims(session_id))
        store.close()
    lost += count - paced_stored
    return {
        "comments": count,
        "runs": len(per_second),
        "seconds": round(count / capacity, 3),
        "comments_per_s": round(capacity, 1),
        "comments_per_s_min_median_max": _spread(per_second),
        "p50_ms": round(_percentile(paced_lat, 0.50), 2),
        "p99_ms": round(_percentile(paced_lat, 0.99), 2),
        "peak_rss_mb": _peak_rss_mb(),
        "latency_rate_per_s": rate,
        "latency_share": round(rate / capacity, 2),
        "latency_phase_seconds": round(paced_seconds, 3),
        "flood_p50_ms": round(_percentile(flood_lat, 0.50), 2),
        "flood_p99_ms": round(_percentile(flood_lat, 0.99), 2),
        "claims": claims,
        "lost": lost,
        "storage_limit_per_s": round(statistics.median(limits), 1),
        "limit_ratio": round(statistics.median(ratios), 3),
        "limit_ratio_min_median_max": _spread(ratios, 3),
        "database": "sqlite (WAL, synchronous=NORMAL, background checkpoints)",
    }


def _spread(values: list[float], digits: int = 1) -> list[float]:
    return [round(v, digits) for v in (min(values), statistics.median(values), max(values))]


def storage_limit(store: Store, session_id: int, count: int, repeat: int = 3) -> float:
    """The machine's bare limit, measured in the same run: comment rows stored durably
    through SQLAlchemy Core executemany, 200 rows a transaction, into the same database
    (SQLite WAL, the store's settings), with no reading and no claims. Rows a second,
    the best of ``repeat`` (a slower pass measured a checkpoint or another program)."""
    from livehelper.store import schema

    buyer_id = (
        store.ingest(session_id, synthetic_comments(1, prefix="limit-buyer"), lambda _t, _f: _OTHER)
        .comments[0]
        .buyer_id
    )
    now = datetime.now(UTC)
    best = 0.0
    for attempt in range(max(1, repeat)):
        rows = [
            {
                "session_id": session_id,
                "platform": "tiktok",
                "message_id": f"limit{attempt}-{i}",
                "buyer_id": buyer_id,
                "text": c.text,
                "received_at": now,
                "raw": None,
                "featured_product_id": None,
                "intent": "other",
                "phone": None,
            }
            for i, c in enumerate(synthetic_comments(count, prefix="limit"))
        ]
        start = time.perf_counter()
        for first in range(0, len(rows), 200):
            with store.engine.begin() as conn:
                conn.execute(schema.comments.insert(), rows[first : first + 200])
        best = max(best, len(rows) / (time.perf_counter() - start))
    return best


_OTHER = ParseResult(Intent.OTHER)


def _fold_pass() -> Callable[[list[str]], float]:
    """One timed pass of the bare reading limit, in seconds: NFC, lower case, the
    parser's fold and one regex loop (its quantity pattern) over the same texts."""
    import unicodedata

    from livehelper.comments.folding import FOLD
    from livehelper.comments.lexicon import default_lexicon
    from livehelper.comments.quantities import Quantities

    quantity = Quantities(default_lexicon(), []).pattern

    def run(texts: list[str]) -> float:
        start = time.perf_counter()
        for text in texts:
            for _m in quantity.finditer(unicodedata.normalize("NFC", text).lower().translate(FOLD)):
                pass
        return time.perf_counter() - start

    return run


def bench_parse(count: int = 100000, repeat: int = 3, beside: bool = True) -> dict[str, Any]:
    """Parse ``count`` comments ``repeat`` times on this thread. The best run is the
    figure (as timeit reports: slower runs measure other programs on a shared
    machine, not the parser); the median is given beside it. With the compiled
    reader in use, the plain-Python reader is measured too (in a process of its own:
    one process holds one of them), so the speed-up is a ratio of one run."""
    from livehelper.comments.compiled import in_use

    with resource_file("demo/catalogue.csv") as path:
        parser = Parser(read_catalogue(path))
    texts = [c.text for c in synthetic_comments(count)]
    # the two loops take turns, so that both see the same moments of a noisy machine
    fold_pass = _fold_pass()
    runs, folds = [], []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        for text in texts:
            parser.parse(text, "KS")
        runs.append(time.perf_counter() - start)
        folds.append(fold_pass(texts))
    best = min(runs)
    limit = count / min(folds)
    figures: dict[str, Any] = {
        "comments": count,
        "repeat": len(runs),
        "seconds": round(best, 3),
        "comments_per_s": round(count / best, 1),
        "median_comments_per_s": round(count / statistics.median(runs), 1),
        "fold_limit_per_s": round(limit, 1),
        "limit_ratio": round(count / best / limit, 3),
        "peak_rss_mb": _peak_rss_mb(),
        "reader": in_use(),
    }
    if beside and figures["reader"] == "compiled":
        plain = _plain_python_parse(count, repeat)
        figures["python_comments_per_s"] = plain["comments_per_s"]
        figures["python_limit_ratio"] = plain["limit_ratio"]
        figures["compiled_speedup"] = round(figures["limit_ratio"] / plain["limit_ratio"], 2)
    return figures


def _plain_python_parse(count: int, repeat: int) -> dict[str, Any]:
    import json
    import os
    import subprocess
    import sys

    from livehelper.comments.compiled import PURE_PYTHON

    code = "import json, sys; from livehelper import bench; "
    code += f"print(json.dumps(bench.bench_parse({count}, {repeat}, beside=False)))"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, PURE_PYTHON: "1"},
    )
    figures: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    return figures


def bench_export(
    orders: int = 10_000, fmt: str = "xlsx", template_name: str = "generic"
) -> dict[str, Any]:
    """Read ``orders`` confirmed orders back from a fresh SQLite file and write them in
    ``template_name``'s layout (time to read and to write reported apart; a partner's
    codes at their defaults, a default weight where the catalogue has none); target for
    XLSX: 10,000 in ≤ 3 s."""
    from livehelper.comments.parser import parser_for
    from livehelper.export import FORMATS, choices, templates
    from livehelper.model import ClaimStatus

    with tempfile.TemporaryDirectory(prefix="livehelper-bench-") as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'export.sqlite3'}")
        with resource_file("demo/catalogue.csv") as path:
            specs = read_catalogue(path)
        store.import_products([replace(s, stock=None) for s in specs])  # never sold out
        session = store.start_session("bench export")
        store.feature(session.id, "KS")
        parse = parser_for(store.products()).parse
        texts = ("chốt 2kg", "lấy 1 hộp na 0912345678", "KS 3kg, mật ong 1 chai", "+1")
        for start in range(0, orders, 1000):
            batch = [
                IncomingComment(
                    "tiktok", f"e{n}", f"u{n}", f"Khách {n}", texts[n % 4], datetime.now(UTC)
                )
                for n in range(start, min(orders, start + 1000))
            ]
            claims = store.ingest(session.id, batch, parse).claims
            store.decide([c.id for c in claims], ClaimStatus.CONFIRMED)
        began = time.perf_counter()
        found = store.orders(session.id)
        read = time.perf_counter() - began
        out = Path(folder) / f"orders{FORMATS[fmt].suffix}"
        template = templates.load(template_name) if fmt != "json" else None
        filling = None
        if template is not None:
            defaults = {c.key: c.default or next(iter(c.codes)) for c in template.choices}
            filling = replace(choices.filling(store, template), choices=defaults, unit_weight_g=500)
        began = time.perf_counter()
        written = FORMATS[fmt].write(found, out, template, filling)
        wrote = time.perf_counter() - began
        size = out.stat().st_size
        store.close()
    return {
        "orders": written,
        "format": fmt,
        "template": template_name if fmt != "json" else None,
        "read_seconds": round(read, 3),
        "write_seconds": round(wrote, 3),
        "total_seconds": round(read + wrote, 3),
        "file_kb": round(size / 1024),
        "peak_rss_mb": _peak_rss_mb(),
    }
