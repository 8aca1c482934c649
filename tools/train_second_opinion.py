"""Train the reader's statistical second opinion (livehelper/comments/second_opinion.py)
from the repository's labelled corpora, reproducibly, into
resources/lexicon/second_opinion.json.

Usage:
  python tools/train_second_opinion.py              # tests/data's labelled corpora
  python tools/train_second_opinion.py --also show.jsonl show.catalogue.csv
  python tools/train_second_opinion.py --check      # exit 1 if the file is out of date

Each comment is read with its own catalogue, masked as the reader masks it (products
"§", numbers "0"), and a linear model (multinomial logistic regression) is fitted by
plain stochastic gradient descent in a fixed order: the same corpora give the same
weights. ``--also`` adds an exported show (``livehelper evaluate --session ID --export``;
lines marked ``"by": "reader"`` are left out). Train again after changing the corpora
or how the reader masks a comment: a test fails until the file is what this trains.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from livehelper.catalogue import read_catalogue  # noqa: E402
from livehelper.comments.evaluate import read_corpus  # noqa: E402
from livehelper.comments.parser import Parser  # noqa: E402
from livehelper.comments.second_opinion import INTENTS, SecondOpinion, features  # noqa: E402

DATA = REPO / "tests" / "data"
OUT = REPO / "resources" / "lexicon" / "second_opinion.json"
THRESHOLD = 0.8  # how sure the model must be to put a reading to the assistant
EPOCHS, RATE, SEED = 15, 0.2, 7
KEEP = 0.02  # weights smaller than this, for every intent, are left out of the file
CLOSE = 0.002  # --check: a weight trained elsewhere may differ by this much (libm)
NONE = SecondOpinion({}, threshold=2.0)  # masking needs no opinion (and none may exist yet)


def corpora() -> list[tuple[Path, Path]]:
    """Each labelled corpus in tests/data with its catalogue."""
    out = []
    for corpus in sorted(DATA.glob("comments_*.jsonl")):
        own = DATA / corpus.name.replace("comments_", "catalogue_").replace(".jsonl", ".csv")
        out.append((corpus, own if own.exists() else DATA / "corpus_catalogue.csv"))
    return out


def examples(sets: list[tuple[Path, Path]]) -> list[tuple[list[str], int]]:
    rows = []
    for corpus, catalogue in sets:
        parser = Parser(read_catalogue(catalogue), second=NONE)
        for line in read_corpus(corpus):
            if line.get("by", "assistant") == "assistant":
                text = parser.masked(str(line["text"]))
                rows.append((features(text), INTENTS.index(str(line["intent"]))))
    return rows


def train(rows: list[tuple[list[str], int]]) -> dict[str, list[float]]:
    weights: dict[str, list[float]] = {}
    order = list(range(len(rows)))
    shuffle = random.Random(SEED).shuffle
    for _ in range(EPOCHS):
        shuffle(order)
        for index in order:
            found, truth = rows[index]
            scores = [0.0, 0.0, 0.0]
            for f in found:
                w = weights.get(f)
                if w is not None:
                    for k in range(3):
                        scores[k] += w[k]
            top = max(scores)
            exps = [math.exp(x - top) for x in scores]
            total = sum(exps)
            step = RATE / math.sqrt(len(found) or 1)
            for k in range(3):
                error = exps[k] / total - (1.0 if k == truth else 0.0)
                if abs(error) < 1e-3:
                    continue
                for f in found:
                    w = weights.setdefault(f, [0.0, 0.0, 0.0])
                    w[k] -= step * error
    return {
        f: [round(x, 4) for x in w]
        for f, w in sorted(weights.items())
        if max(abs(x) for x in w) >= KEEP
    }


def model(sets: list[tuple[Path, Path]]) -> dict[str, object]:
    rows = examples(sets)
    sources = ", ".join(
        str(c.relative_to(REPO)) if c.is_relative_to(REPO) else c.name for c, _ in sets
    )
    return {
        "made_by": "tools/train_second_opinion.py",
        "trained_on": f"{len(rows)} comments: {sources}",
        "intents": list(INTENTS),
        "threshold": THRESHOLD,
        "weights": train(rows),
    }


def same(a: dict[str, object], b: dict[str, object]) -> bool:
    wa, wb = a["weights"], b["weights"]
    assert isinstance(wa, dict) and isinstance(wb, dict)
    if {k: v for k, v in a.items() if k != "weights"} != {
        k: v for k, v in b.items() if k != "weights"
    } or wa.keys() != wb.keys():
        return False
    return all(abs(x - y) <= CLOSE for f in wa for x, y in zip(wa[f], wb[f], strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--also", nargs=2, action="append", type=Path, default=[], metavar=("CORPUS", "CATALOGUE")
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    made = model(corpora() + [(corpus, catalogue) for corpus, catalogue in args.also])
    if args.check:
        if not OUT.exists() or not same(json.loads(OUT.read_text(encoding="utf-8")), made):
            print(f"{OUT.relative_to(REPO)} is out of date: run tools/train_second_opinion.py")
            return 1
        return 0
    OUT.write_text(json.dumps(made, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(made['weights'])} features")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
