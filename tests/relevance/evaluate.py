"""Relevance of the search on the real content: recall@5, MRR and nDCG@10 per language.

    .venv/bin/python tests/relevance/evaluate.py                 # build a fresh index, print the report
    .venv/bin/python tests/relevance/evaluate.py --misses        # also list the queries that miss
    .venv/bin/python tests/relevance/evaluate.py --raise-floor   # write the new figures to floor.yaml, never lower

The floor (floor.yaml) is what tests/test_search_relevance.py holds: it only ever rises.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from catalogue.content.loading import load_catalogue  # noqa: E402
from search import SearchRequest, SearchService, build_index  # noqa: E402

QUERIES = HERE / "queries.yaml"
FLOOR = HERE / "floor.yaml"
COLLECTIONS = {
    QUERIES: FLOOR,
    HERE / "mission.yaml": HERE / "floor-mission.yaml",
    HERE / "everyday.yaml": HERE / "floor-everyday.yaml",
}
"""Each collection with the floor it holds: the first (names, inflections, topics), the family centre's
mission (the topics and methods added in December 2026), and everyday words (parents' and professionals'
own words, ages, worries, misspellings: written in December 2026 before any tuning for them)."""
METRICS = ("success@5", "recall@5", "mrr", "ndcg@10")
"""Higher is better; the floor holds each. `zero` (the share of queries with no result at all) is a ceiling."""


@dataclass
class Judged:
    lang: str
    q: str
    kind: str
    expect: list[str]
    ranked: list[str]

    @property
    def recall5(self) -> float:
        """The share of the expected methods in the top 5; a query with more than five relevant methods needs
        any five of them (otherwise a broad query could never score 1)."""
        return sum(1 for e in self.expect if e in self.ranked[:5]) / min(len(self.expect), 5)

    @property
    def success5(self) -> float:
        """1 when any expected method is in the top 5."""
        return float(any(e in self.ranked[:5] for e in self.expect))

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / rank for rank, id_ in enumerate(self.ranked, 1) if id_ in self.expect), 0.0)

    @property
    def ndcg10(self) -> float:
        dcg = sum(1 / math.log2(rank + 1) for rank, id_ in enumerate(self.ranked[:10], 1) if id_ in self.expect)
        ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(self.expect), 10) + 1))
        return dcg / ideal


def load_queries(path: Path = QUERIES) -> dict[str, list[dict]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def judge(service: SearchService, queries: dict[str, list[dict]]) -> list[Judged]:
    judged = []
    for lang, items in queries.items():
        for item in items:
            results = service.search(SearchRequest(lang=lang, q=item["q"], per_page=10))
            ranked = [hit.id for hit in results.hits]
            judged.append(Judged(lang, item["q"], item.get("kind", ""), list(item["expect"]), ranked))
    return judged


def figures(judged: list[Judged], by: str = "lang") -> dict[str, dict[str, float]]:
    """The metrics per language (or per `kind` of query), and for all."""
    by_lang: dict[str, list[Judged]] = {}
    for item in judged:
        by_lang.setdefault(getattr(item, by), []).append(item)
    by_lang["all"] = judged
    return {
        lang: {
            "queries": len(items),
            "success@5": round(sum(i.success5 for i in items) / len(items), 3),
            "recall@5": round(sum(i.recall5 for i in items) / len(items), 3),
            "zero": round(sum(not i.ranked for i in items) / len(items), 3),
            "mrr": round(sum(i.reciprocal_rank for i in items) / len(items), 3),
            "ndcg@10": round(sum(i.ndcg10 for i in items) / len(items), 3),
        }
        for lang, items in by_lang.items()
    }


def evaluate(content_dir: Path, index_dir: Path) -> dict[Path, tuple[list[Judged], dict[str, dict[str, float]]]]:
    """Per collection: every query judged, and the figures per language."""
    build_index(load_catalogue(content_dir), index_dir)
    service = SearchService(index_dir)
    results = {}
    for queries in COLLECTIONS:
        judged = judge(service, load_queries(queries))
        results[queries] = (judged, figures(judged))
    return results


def raise_floor(path: Path, table: dict[str, dict[str, float]]) -> None:
    floor = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    for lang, row in table.items():
        old = floor.get(lang, {})
        floor[lang] = {m: max(old.get(m, 0.0), math.floor(row[m] * 20) / 20) for m in METRICS}
        floor[lang]["zero"] = min(old.get("zero", 1.0), math.ceil(row["zero"] * 100) / 100)
    path.write_text(
        "# The relevance floor the tests hold (tests/test_search_relevance.py). Raised by\n"
        "# `tests/relevance/evaluate.py --raise-floor`, never lowered by hand.\n"
        + yaml.safe_dump(floor, sort_keys=False),
        encoding="utf-8",
    )
    print(f"wrote {path}")


def report(table: dict[str, dict[str, float]], heading: str = "language") -> str:
    lines = [f"{heading:<13}{'queries':>8}{'success@5':>10}{'recall@5':>10}{'MRR':>8}{'nDCG@10':>9}{'zero':>7}"]
    for lang, row in table.items():
        lines.append(
            f"{lang:<13}{row['queries']:>8}{row['success@5']:>10.3f}{row['recall@5']:>10.3f}{row['mrr']:>8.3f}"
            f"{row['ndcg@10']:>9.3f}{row['zero']:>7.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--kinds", action="store_true", help="also report per kind of query")
    parser.add_argument("--misses", action="store_true", help="list the queries whose expected methods miss the top 5")
    parser.add_argument("--raise-floor", action="store_true", help="raise floor.yaml to today's figures (never lower)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = evaluate(args.content, Path(tmp) / "index")
    for queries, (judged, table) in results.items():
        print(f"\n{queries.name}\n{report(table)}")
        if args.kinds:
            print(report(figures(judged, by="kind"), heading="kind"))
        if args.misses:
            for item in judged:
                if item.recall5 < 1:
                    print(f"miss {item.lang} {item.kind:<9} {item.q!r}: expected {item.expect}, got {item.ranked[:5]}")
        if args.raise_floor:
            raise_floor(COLLECTIONS[queries], table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
