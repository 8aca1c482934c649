"""Making ingest faster must not change what it stores (issue: ingest near the limits):
the same corpus, in the same batches, gives the same claims as the code before the
batch-level statements did. ``tests/data/ingest_claims.json`` was written by that
earlier code (commit 539c7cb) with ``python -m tests.core.test_ingest_same_claims``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "ingest_claims.json"


def claims_of_corpus(url: str, catalogue: Path) -> list[dict[str, Any]]:
    """3,000 synthetic comments (orders, repeats, new quantities, cancels, phones), in
    batches of 250 as the writer makes them, through ``Store.ingest``; every claim as
    the comment it came from sees it."""
    from livehelper.bench import synthetic_comments
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.parser import parser_for
    from livehelper.store import Store

    store = Store.open(url)
    try:
        store.import_products(read_catalogue(catalogue))
        session = store.start_session("same claims")
        store.feature(session.id, "KS")
        parse = parser_for(store.products()).parse
        comments = synthetic_comments(3000, seed=11)
        for start in range(0, len(comments), 250):
            store.ingest(session.id, comments[start : start + 250], parse)
        by_comment = {c.id: c.comment_id for c in store.claims(session.id)}
        return [
            {
                "comment": c.comment_id,
                "buyer": c.buyer_name,
                "status": c.status.value,
                "items": [[i.code, str(i.qty)] for i in c.items],
                "phone": c.phone,
                "ambiguous": c.ambiguous,
                "cancel_requested": c.cancel_requested,
                "replaces_comment": by_comment.get(c.replaces_claim_id or 0),
                "reserved": c.reserved_at is not None,
                "waitlisted": c.waitlisted,
            }
            for c in sorted(store.claims(session.id), key=lambda c: c.comment_id)
        ]
    finally:
        store.close()


def test_ingest_stores_the_same_claims_as_before(tmp_path: Path) -> None:
    from tests.helpers import DEMO_CATALOGUE

    now = claims_of_corpus(f"sqlite:///{tmp_path / 'same.sqlite3'}", DEMO_CATALOGUE)
    before = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(now) == len(before) > 1000
    assert sum(c["cancel_requested"] for c in before) > 20  # the corpus has cancels
    assert any(c["replaces_comment"] for c in before)  # and new quantities
    assert now == before


if __name__ == "__main__":  # write the golden file with the code as it is now
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/demo/catalogue.csv")
        claims = claims_of_corpus(f"sqlite:///{Path(folder) / 'g.sqlite3'}", demo)
    GOLDEN.write_text(json.dumps(claims, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(claims)} claims written to {GOLDEN}")
