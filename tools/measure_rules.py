"""Measure how often each of the reader's rules reads right, and write the table the
reader takes its confidence from (resources/lexicon/rules.toml, confidence.py).

Usage:
  python tools/measure_rules.py                 # the repository's labelled corpora
  python tools/measure_rules.py --also show.jsonl show.catalogue.csv   # and a show
  python tools/measure_rules.py --check         # exit 1 if the table is out of date

The repository's corpora are tests/data's, read with tests/data/corpus_catalogue.csv.
``--also CORPUS CATALOGUE`` adds a corpus of your own, such as a show exported with
``livehelper evaluate --session ID --export show.jsonl`` (its lines marked
``"by": "reader"`` are left out: nobody checked them). Run it again after changing the
reader's rules or its words: a test fails until the table is what the reader measures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from livehelper.catalogue import read_catalogue  # noqa: E402
from livehelper.comments.confidence import RULES_FILE, to_toml  # noqa: E402
from livehelper.comments.evaluate import read_corpus, tally_rules  # noqa: E402
from livehelper.comments.parser import Parser  # noqa: E402

DATA = REPO / "tests" / "data"
CORPORA = (
    "comments_labelled.jsonl",
    "comments_dev.jsonl",
    "comments_typos.jsonl",
    "comments_classes.jsonl",
)
# shops' own catalogues, each corpus beside its catalogue
SHOPS = (
    ("comments_shop_c.jsonl", "catalogue_shop_c.csv"),
    ("comments_shop_d.jsonl", "catalogue_shop_d.csv"),
)
UNSURE_BELOW = 0.8  # an order read by a rule right less often than this is put to the assistant


def measure(also: list[tuple[Path, Path]]) -> str:
    sets = [(DATA / name, DATA / "corpus_catalogue.csv") for name in CORPORA]
    sets += [(DATA / name, DATA / catalogue) for name, catalogue in SHOPS] + also
    tallies: dict[str, tuple[int, int]] = {}
    for corpus, catalogue in sets:
        lines = [x for x in read_corpus(corpus) if x.get("by", "assistant") == "assistant"]
        for rule, (seen, right) in tally_rules(Parser(read_catalogue(catalogue)), lines).items():
            before = tallies.get(rule, (0, 0))
            tallies[rule] = (before[0] + seen, before[1] + right)
    sources = ", ".join(
        str(c.relative_to(REPO)) if c.is_relative_to(REPO) else c.name for c, _cat in sets
    )
    return to_toml(tallies, UNSURE_BELOW, sources)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--also", nargs=2, action="append", type=Path, default=[], metavar=("CORPUS", "CATALOGUE")
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is out of date")
    args = parser.parse_args()
    table = measure([(corpus, catalogue) for corpus, catalogue in args.also])
    path = REPO / "resources" / RULES_FILE
    if args.check:
        if path.read_text(encoding="utf-8") != table:
            print(f"{path.relative_to(REPO)} is out of date: run tools/measure_rules.py")
            return 1
        return 0
    path.write_text(table, encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
