"""Search benchmark: index build time, index size and query latency, next to SQLite FTS5 on the same corpus.

    .venv/bin/python -m bench.run                 # 300, 3,000 and 30,000 documents (make bench)
    .venv/bin/python -m bench.run --sizes 3000    # one size
    .venv/bin/python -m bench.run --runs 3        # each size measured 3 times, medians reported (a busy machine)

For each size: a synthetic catalogue (bench/corpus.py), a full `build_index` (timed: wall clock, and the CPU
time of the build and of the worker processes it forks), the generation's size on disk, then a fixed, seeded query mix through `SearchService.search` (what the site calls: matching,
scoring, facet counts over all matches, sorting, snippets for the first page of 20):

- plain: 1–3 words, no filters;
- facets: the same kind of words with 1–2 facet selections (every search returns all facet counts);
- browse: no words, 1–2 facet selections, sorted by name.

The same corpus goes into an SQLite FTS5 table (unicode61 tokenizer, no stemming: FTS5 has none for sv or
fi) and the same queries run there: MATCH with bm25 ranking, the same facet counting (search.facets) over
its matches, and snippet() for the first page. Queries are distinct; the caches are warmed by 100 other
queries first, as on a live server.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from catalogue.content import LANGUAGES
from search import SearchRequest, SearchService, build_index
from search.analysis import LanguageTerms, fold
from search.documents import catalogue_documents
from search.facets import FacetTable, bitmask, flags

from .corpus import synthetic_catalogue, vocabulary

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("plain", "facets", "browse")


def query_mix(content_dir: Path, count: int, seed: int) -> list[tuple[str, SearchRequest]]:
    """`count` requests of each kind, spread over the three languages."""
    rng = random.Random(seed)
    vocab = vocabulary(content_dir)
    pools = {}
    for lang in LANGUAGES:
        stop = LanguageTerms(lang).stopwords
        ranked = [w for w, _ in vocab[lang].most_common() if len(w) > 2 and fold(w) not in stop]
        pools[lang] = ranked[20:1500]  # everyday words, not the very commonest
    facet_values = {
        "sector": ["child_health", "social_services", "school", "early_education"],
        "age": ["0", "1-2", "3-5", "6-12", "13-17", "4", "10"],
        "evidence": ["effective", "promising"],
        "format": ["group", "individual", "home_visit"],
        "topic": ["parenting_skills", "behaviour_problems", "anxiety_emotions"],
    }

    def filters() -> dict[str, tuple[str, ...]]:
        chosen = rng.sample(sorted(facet_values), rng.randint(1, 2))
        return {name: tuple(rng.sample(facet_values[name], rng.randint(1, 2))) for name in chosen}

    mix = []
    for _ in range(count):
        for kind in KINDS:
            lang = rng.choice(LANGUAGES)
            words = " ".join(rng.sample(pools[lang], rng.randint(1, 3)))
            if kind == "plain":
                mix.append((kind, SearchRequest(lang=lang, q=words)))
            elif kind == "facets":
                mix.append((kind, SearchRequest(lang=lang, q=words, **filters())))
            else:
                mix.append((kind, SearchRequest(lang=lang, **filters())))
    return mix


class Fts5:
    """The same documents and facet logic over SQLite FTS5, for comparison."""

    def __init__(self, documents, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(ui UNINDEXED, lang UNINDEXED, title, names, summary, body,"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
        rows = []
        for docnum, doc in enumerate(documents):
            lang = doc.record["lang"]
            fields = doc.fields
            rows.append(
                (
                    docnum,
                    doc.record["ui"],
                    lang,
                    fields.get(f"head_{lang}", ""),
                    fields["names"],
                    fields.get(f"summary_{lang}", ""),
                    fields.get(f"body_{lang}", ""),
                )
            )
        self.db.executemany(
            "INSERT INTO docs(rowid, ui, lang, title, names, summary, body) VALUES (?,?,?,?,?,?,?)", rows
        )
        self.db.commit()

    def open(self, records, vocabulary) -> None:
        self.facets = FacetTable(records, vocabulary)

    def search(self, request: SearchRequest) -> int:
        facets = self.facets
        selections = {name: facets.selection(name, values) for name, values in request.selections.items()}
        wanted = facets.filter(selections)
        ui_mask = facets.ui[request.lang]
        words = [w for w in request.q.split() if w]
        if words:
            match = " ".join('"' + w.replace('"', "") + '"' for w in words)
            found = self.db.execute(
                "SELECT rowid, bm25(docs, 0, 0, 4, 3, 2, 1) FROM docs WHERE docs MATCH ? AND ui = ?",
                (match, request.lang),
            ).fetchall()
            matched_ids = [rowid for rowid, _ in found]
            matched = bitmask(matched_ids, facets.size)
            selected = flags(matched & wanted, facets.size)
            hits = sorted((score, rowid) for rowid, score in found if selected[rowid])[:20]
            page = [rowid for _, rowid in hits]
            if page:
                marks = ",".join("?" * len(page))
                self.db.execute(
                    f"SELECT snippet(docs, 5, '<mark>', '</mark>', '…', 24) FROM docs WHERE docs MATCH ? AND rowid IN ({marks})",
                    (match, *page),
                ).fetchall()
        else:
            matched = ui_mask
        facets.counts(matched, selections)
        return (matched & wanted).bit_count()


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return (cut[49] * 1000, cut[94] * 1000, cut[98] * 1000)


def timed(run: Callable[[SearchRequest], object], mix: list[tuple[str, SearchRequest]]) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for kind, request in mix:
        start = time.perf_counter()
        run(request)
        samples[kind].append(time.perf_counter() - start)
    return samples


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_size(size: int, content_dir: Path, queries: int, workdir: Path, runs: int, processes: int | None) -> dict:
    """`runs` full measurements of one size (a fresh build, open, FTS5 table and query mix each time); the
    report gives their medians."""
    catalogue = synthetic_catalogue(size, content_dir)
    documents = list(catalogue_documents(catalogue))
    measured = [
        measure(catalogue, documents, content_dir, queries, workdir / f"{size}-{run}", processes) for run in range(runs)
    ]
    return {"size": size, "runs": measured, **medians(measured)}


def measure(catalogue, documents, content_dir: Path, queries: int, workdir: Path, processes: int | None) -> dict:
    workdir.mkdir(parents=True)
    load_before = os.getloadavg()[0]
    cpu = cpu_seconds()
    start = time.perf_counter()
    generation = build_index(catalogue, workdir / "index", processes=processes)
    build_seconds = time.perf_counter() - start
    build_cpu = cpu_seconds() - cpu
    segments = len(list(generation.glob("*.seg")))  # one compound file per segment (a large build writes several)
    service = SearchService(workdir / "index")
    start = time.perf_counter()
    service.generation()
    open_seconds = time.perf_counter() - start

    start = time.perf_counter()
    fts = Fts5(documents, workdir / "fts.sqlite")
    fts_build = time.perf_counter() - start
    generation_records = service.generation().records
    by_key = {(d.record["id"], d.record["ui"]): d.record for d in documents}
    assert len(by_key) == len(generation_records)
    fts.open([d.record for d in documents], {k: list(v) for k, v in service.generation().facets.vocabulary.items()})

    warm = query_mix(content_dir, 34, seed=1)
    mix = query_mix(content_dir, queries, seed=2)
    timed(service.search, warm)
    whoosh_times = timed(service.search, mix)
    timed(fts.search, warm)
    fts_times = timed(fts.search, mix)
    result = {
        "build_s": build_seconds,
        "build_cpu_s": build_cpu,
        "segments": segments,
        "open_s": open_seconds,
        "index_mb": folder_size(generation) / 1e6,
        "fts_build_s": fts_build,
        "fts_mb": (workdir / "fts.sqlite").stat().st_size / 1e6,
        "whoosh": {kind: percentiles(times) for kind, times in whoosh_times.items()},
        "fts5": {kind: percentiles(times) for kind, times in fts_times.items()},
        "load": (load_before, os.getloadavg()[0]),
    }
    fts.db.close()
    shutil.rmtree(workdir, ignore_errors=True)
    return result


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (a large build forks workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def medians(runs: list[dict]) -> dict:
    """The median of every figure over the runs (each percentile on its own)."""
    result = {}
    for key, value in runs[0].items():
        if key == "load":
            continue
        if isinstance(value, dict):
            result[key] = {
                kind: tuple(statistics.median(run[key][kind][i] for run in runs) for i in range(3)) for kind in value
            }
        else:
            result[key] = statistics.median(run[key] for run in runs)
    loads = [load for run in runs for load in run["load"]]
    result["load"] = (min(loads), max(loads))
    return result


def report(results: list[dict]) -> str:
    runs = len(results[0]["runs"]) if results else 0
    lines = [
        f"Medians of {runs} run(s); load average (1 min) seen during the runs: "
        + ", ".join(f"{r['size']:,}: {r['load'][0]:.1f}–{r['load'][1]:.1f}" for r in results),
        "",
        "| documents | build | build CPU | segments | index size | open | FTS5 build | FTS5 size |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['build_s']:.1f} s | {r['build_cpu_s']:.1f} s | {r['segments']:.0f} "
            f"| {r['index_mb']:.1f} MB | {r['open_s'] * 1000:.0f} ms | {r['fts_build_s']:.1f} s | {r['fts_mb']:.1f} MB |"
        )
    lines += [
        "",
        "| documents | query | Whoosh p50 / p95 / p99 (ms) | FTS5 p50 / p95 / p99 (ms) | p95 Whoosh ÷ FTS5 |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        for kind in KINDS:
            w, f = r["whoosh"][kind], r["fts5"][kind]
            lines.append(
                f"| {r['size']:,} | {kind} | {w[0]:.1f} / {w[1]:.1f} / {w[2]:.1f} | {f[0]:.2f} / {f[1]:.2f} / {f[2]:.2f} "
                f"| {w[1] / f[1]:.1f}× |"
            )
    if runs > 1:
        lines += ["", "Per run: build s, p95 facets ms (Whoosh / FTS5), load before → after"]
        for r in results:
            for number, run in enumerate(r["runs"], 1):
                lines.append(
                    f"- {r['size']:,} run {number}: {run['build_s']:.1f} s, {run['whoosh']['facets'][1]:.1f} / "
                    f"{run['fts5']['facets'][1]:.2f} ms, load {run['load'][0]:.1f} → {run['load'][1]:.1f}"
                )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 30000])
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind (plain, facets, browse)")
    parser.add_argument("--runs", type=int, default=1, help="measure each size this many times; report medians")
    parser.add_argument(
        "--processes", type=int, default=None, help="processes for the build (default: build_index's own choice)"
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="real content: words and taxonomy")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    results = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, args.content, args.queries, workdir, args.runs, args.processes))
            print(report(results[-1:]), flush=True)
            print(flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))


if __name__ == "__main__":
    main()
