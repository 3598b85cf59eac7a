"""Scale benchmark (not a test): what the catalogue costs as it grows, with the real content copied to size.

    .venv/bin/python -m bench.scale                        # 32, 300 and 3,000 methods × 3 languages (make bench-scale)
    .venv/bin/python -m bench.scale --sizes 3000 --runs 3

For each size, a content folder of valid copies of the real method files (new ids, numbered titles) is built
into a generation with `catalogue build`, then measured:

- build: wall time of `catalogue.build.build` (validate, render, index, snapshot), and the generation's size;
- cold start: gunicorn (deploy/gunicorn.conf.py, one worker) from start to the first 200 of a method page,
  median of three starts; and the worker's resident memory after a few pages (RSS);
- uncached pages, in-process with the page and search caches off: a method page and a search page (median ms
  of 20 different ones, and bytes), `/api/v1/export.csv` and `/sitemap.xml` (ms, first request of a worker);
- throughput (largest size only): wrk, one thread, 16 connections, 10 s each, on thousands of distinct searches
  (no cache helps) and on a static file, one after the other on the same server.

Targets at 3,000 methods: cold start ≤ 2 s, method page within 1.5 × of its cost and size at 32 methods, worker
RSS ≤ 250 MB, distinct searches ≥ 0.25 × the static file's requests/s. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from catalogue.build import build
from catalogue.content import LANGUAGES
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app

from .load import ROOT, Site, _free_port, _wait_for, wrk

REAL = ROOT / "content"
LINK = re.compile(r"\[([^\]]+)\]\([a-z0-9-]+\.md\)")
TARGETS = {"cold_start_s": 2.0, "method_ratio": 1.5, "rss_mb": 250, "search_vs_static": 0.25}


def generate(methods: int, folder: Path) -> Path:
    """`methods` methods in sv, fi and en: the real ones, then numbered copies of them."""
    content = folder / "content"
    content.mkdir(parents=True)
    for name in ("taxonomy.yaml", "config.yaml"):
        shutil.copy(REAL / name, content / name)
    shutil.copytree(REAL / "synonyms", content / "synonyms")
    originals = sorted(path.stem for path in (REAL / "en").glob("*.md"))
    for lang in LANGUAGES:
        (content / lang).mkdir()
    for number in range(methods):
        source = originals[number % len(originals)]
        copy = number // len(originals)
        method_id = source if copy == 0 else f"{source}-{copy}"
        for lang in LANGUAGES:
            path = REAL / lang / f"{source}.md"
            if not path.exists():
                continue
            text = LINK.sub(r"\1", path.read_text(encoding="utf-8"))  # a smaller catalogue lacks the linked method
            if copy:
                text = re.sub(r"^title: (.*)$", rf"title: \1 ({copy})", text, count=1, flags=re.M)
            (content / lang / f"{method_id}.md").write_text(text, encoding="utf-8")
    return content


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def timed_get(client, path: str) -> tuple[float, int]:
    began = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, len(response.get_data())


def worker_rss_mb(master_pid: int) -> float:
    """Resident memory of gunicorn's (one) worker: the master's child."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


class ScaledSite(Site):
    """bench.load's gunicorn site, on a generated content folder."""

    def __init__(self, folder: Path, methods: int) -> None:
        self.folder = folder
        self.content = generate(methods, folder)
        self.index = folder / "index"
        began = time.perf_counter()
        self.generation, self.catalogue = build(self.content, self.index)
        self.build_s = time.perf_counter() - began
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / "gunicorn.log"


def measure(methods: int, workdir: Path, throughput: bool) -> dict:
    os.environ["GUNICORN_WORKERS"] = "1"
    site = ScaledSite(workdir / f"size-{methods}", methods)
    row: dict = {"methods": len(site.catalogue.methods), "build_s": site.build_s, "size_mb": folder_mb(site.generation)}
    row.update(cold_start_s=site.cold_start()["median"])
    with site.server() as server:
        for method_id in sorted(site.catalogue.methods)[:5]:
            _wait_for(f"{site.base}/sv/methods/{method_id}", 10)
        row["rss_mb"] = worker_rss_mb(server.pid)
        if throughput:
            searches = site.distinct_searches(20_000)
            row["search_rps"] = wrk(site.base, searches, 16, 10)["requests_per_second"]
            row["static_rps"] = wrk(site.base, ["/static/site.css"], 16, 10)["requests_per_second"]
    app = create_app({"INDEX_DIR": site.index, "PAGE_CACHE_MB": 0, "SEARCH_CACHE_ENTRIES": 0})
    client = app.test_client()
    ids = sorted(site.catalogue.methods)
    client.get(f"/sv/methods/{ids[0]}")  # the worker's first request opens the generation
    pages = [timed_get(client, f"/{LANGUAGES[n % 3]}/methods/{ids[(n * 7919) % len(ids)]}") for n in range(20)]
    searches = [timed_get(client, path) for path in site.distinct_searches(20, seed=3)]
    row.update(
        method_ms=statistics.median(ms for ms, _ in pages),
        method_kb=statistics.median(size for _, size in pages) / 1024,
        search_ms=statistics.median(ms for ms, _ in searches),
        search_kb=statistics.median(size for _, size in searches) / 1024,
        export_csv_ms=timed_get(client, "/api/v1/export.csv?lang=sv")[0],
        sitemap_ms=timed_get(client, "/sitemap.xml")[0],
    )
    return row


def report(rows: list[dict]) -> str:
    lines = [
        "| methods | build | generation | cold start | worker RSS | method page | search page | export.csv | sitemap |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['methods']:,} | {r['build_s']:.1f} s | {r['size_mb']:.1f} MB | {r['cold_start_s']:.2f} s |"
            f" {r['rss_mb']:.0f} MB | {r['method_ms']:.1f} ms, {r['method_kb']:.0f} KB |"
            f" {r['search_ms']:.1f} ms, {r['search_kb']:.0f} KB | {r['export_csv_ms']:.0f} ms | {r['sitemap_ms']:.0f} ms |"
        )
    small, large = rows[0], rows[-1]
    lines.append("")
    lines.append(
        f"At {large['methods']:,} methods: cold start {large['cold_start_s']:.2f} s (target ≤ {TARGETS['cold_start_s']} s);"
        f" method page {large['method_ms'] / small['method_ms']:.2f} × the time and"
        f" {large['method_kb'] / small['method_kb']:.2f} × the size at {small['methods']} (target ≤ {TARGETS['method_ratio']});"
        f" worker RSS {large['rss_mb']:.0f} MB (target ≤ {TARGETS['rss_mb']} MB)."
    )
    if "search_rps" in large:
        ratio = large["search_rps"] / large["static_rps"]
        lines.append(
            f"Distinct searches {large['search_rps']:,} req/s, static file {large['static_rps']:,} req/s:"
            f" {ratio:.2f} × (target ≥ {TARGETS['search_vs_static']})."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 300, 3000], help="methods per catalogue")
    args = parser.parse_args()
    load_catalogue(REAL)  # fails early if the real content does not load
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as workdir:
        sizes = sorted(args.sizes)
        rows = [measure(size, Path(workdir), throughput=size == sizes[-1]) for size in sizes]
    print(report(rows))


if __name__ == "__main__":
    main()
