"""Load benchmark (not a test): the production server (gunicorn, deploy/gunicorn.conf.py) on loopback under wrk.

    .venv/bin/python -m bench.load                          # everything, about 6 minutes (make bench-load)
    .venv/bin/python -m bench.load --only pages --duration 10
    .venv/bin/python -m bench.load --only cold-start rebuild

On a copy of content/ with its own index, in a temporary folder:

- cold start: process start to the first 200 of a method page, with a built index (median of three starts);
- pages: requests/s and latency p50/p99 at 16 and 64 connections for the home page, a method page, a search
  with facets and the API's search, each after a 3-second warm-up (not counted), asking for brotli or gzip as
  browsers do; and "search, all different": a new search every request (thousands of distinct queries), so
  no cache helps and it shows what rendering a search costs;
- rebuild: 30 seconds of mixed load, and at least 10 s past the swap, at 32 connections (about a third popular
  pages and searches, a third every method page in every language, a third searches nobody asked before);
  after 10 s a new method is added to the content and `catalogue index` (at low priority, `nice`) rebuilds and
  swaps the index. Afterwards the new method must be found by search and have its page, without a restart.
  Every failed request (socket error, timeout, status other than 2xx/3xx) counts.

wrk runs with one thread (it needs far less than the server; the machine has two cores). Results go to
stdout as Markdown and to bench/results/load-<time>.json. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from catalogue.content import LANGUAGES
from catalogue.content.loading import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LUA = Path(__file__).with_name("paths.lua")
RESULTS = ROOT / "bench" / "results"
CONNECTIONS = (16, 64)
TARGETS = {"method page": 1500, "search with facets": 400}
"""requests/s each must reach at every connection count; and for all: p99 under 100 ms, no failed request."""
P99_TARGET_MS = 100
PROBE_ID = "bench-rebuild-probe"
PROBE_WORD = "Zebrafinch"
PROBE = f"""---
title: {PROBE_WORD} Parent Evenings
summary: >-
  A made-up method that the load benchmark adds while the site is under load, to show that a rebuilt index
  is served without a restart. Parents meet in the evening at the family centre.
parent_summary: >-
  You meet other parents in the evening. You talk about your week and your child.
reviewed: 2026-11-23
evidence:
  level: not_rated
age:
  from: 3
  to: 6
need: [universal]
sectors: [social_services]
topics: [parenting_skills]
format: [group]
sources:
  - url: https://www.example.net/{PROBE_ID}
---
## How it works

Parents meet in the evening, four times. {PROBE_WORD} is the name of the evenings.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=["cold-start", "pages", "rebuild"])
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per measurement (pages)")
    parser.add_argument("--connections", type=int, nargs="+", default=list(CONNECTIONS))
    args = parser.parse_args()
    wanted = set(args.only or ["cold-start", "pages", "rebuild"])
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `make bench-load` (it installs the Debian package) or apt-get install wrk")
    report: dict = {"started": _now(), "machine": _machine()}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        site = Site(Path(folder))
        if "cold-start" in wanted:
            report["cold_start"] = site.cold_start()
            print(_cold_start_table(report["cold_start"]), flush=True)
        with site.server():
            if "pages" in wanted:
                report["pages"] = site.pages(args.connections, args.duration)
                print(_pages_table(report["pages"]), flush=True)
            if "rebuild" in wanted:
                report["rebuild"] = site.rebuild_under_load()
                print(_rebuild_table(report["rebuild"]), flush=True)
    report["machine"]["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"load-{dt.datetime.now():%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults: {path}")
    failures = _failures(report)
    for failure in failures:
        print(f"BELOW TARGET: {failure}")
    sys.exit(1 if failures else 0)


class Site:
    """A copy of the content with its index, and gunicorn serving it on a free loopback port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.content = folder / "content"
        self.index = folder / "index"
        shutil.copytree(ROOT / "content", self.content)
        self.catalogue = load_catalogue(self.content)
        _run([str(BIN / "catalogue"), "build", "--content", str(self.content), "--index", str(self.index)])
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / "gunicorn.log"

    def start(self) -> subprocess.Popen:
        env = {
            **os.environ,
            "CATALOGUE_INDEX_DIR": str(self.index),
            "CATALOGUE_BASE_URL": self.base,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESS_LOG": str(self.folder / "access.log"),
        }
        command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "catalogue.web.wsgi:app"]
        with self.log.open("a") as log:
            return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    @staticmethod
    def stop(server: subprocess.Popen) -> None:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    @contextmanager
    def server(self) -> Iterator[subprocess.Popen]:
        process = self.start()
        try:
            _wait_for(self.base + "/healthz", 30)
            yield process
        finally:
            self.stop(process)

    @property
    def method_path(self) -> str:
        return f"/sv/methods/{sorted(self.catalogue.methods)[0]}"

    def cold_start(self, starts: int = 3) -> dict:
        """Seconds from starting gunicorn to the first 200 of a method page."""
        times = []
        for _ in range(starts):
            began = time.monotonic()
            server = self.start()
            try:
                _wait_for(self.base + self.method_path, 30)
                times.append(time.monotonic() - began)
            finally:
                self.stop(server)
        return {"seconds": times, "median": statistics.median(times), "max": max(times)}

    def pages(self, connections: list[int], duration: int) -> list[dict]:
        scenarios = {
            "home": ["/sv/"],
            "method page": [self.method_path],
            "search with facets": ["/fi/methods/?q=vanhemmat&sector=social_services&age=3&format=group"],
            "API search": ["/api/v1/methods?lang=fi&age=3&sector=social_services"],
            "search, all different": [],  # a new list for each run, below
        }
        results = []
        for name, fixed in scenarios.items():
            for count in connections:
                paths = fixed or self.distinct_searches(20_000, seed=count)
                if fixed:
                    wrk(self.base, paths, count, 3)  # warm-up: every worker renders the page once
                result = wrk(self.base, paths, count, duration)
                result.update(scenario=name, path=paths[0] if fixed else f"{len(paths)} distinct searches")
                results.append(result)
        return results

    def distinct_searches(self, count: int, seed: int = 7) -> list[str]:
        """Searches nobody asked before: words from the methods' titles and summaries, with and without facets."""
        rng = random.Random(seed)
        words = {lang: set() for lang in ("sv", "fi", "en")}
        for method in self.catalogue.methods.values():
            for lang, text in method.texts.items():
                words[lang] |= {w for w in re.findall(r"\w{4,}", f"{text.title} {text.summary}")}
        pools = {lang: sorted(found) for lang, found in words.items()}
        facets = [
            "",
            "&age=3",
            "&sector=social_services",
            "&format=group",
            "&evidence=effective",
            "&topic=parenting_skills",
        ]
        paths = set()
        while len(paths) < count:
            lang = rng.choice(("sv", "fi", "en"))
            q = "+".join(rng.sample(pools[lang], rng.choice((1, 1, 2))))
            paths.add(f"/{lang}/methods/?q={quote(q, safe='+')}{rng.choice(facets)}")
        return sorted(paths, key=lambda _: rng.random())

    def rebuild_under_load(
        self, duration: int = 30, rebuild_at: float = 10.0, settle: float = 10.0, connections: int = 32
    ) -> dict:
        """Load on a mix of pages while the content gains a method and the index is rebuilt and swapped.

        The load runs for `duration` seconds and at least `settle` seconds past the swap, however long the build.
        """
        popular = [
            "/sv/",
            self.method_path,
            "/fi/methods/?q=vanhemmat&sector=social_services&age=3&format=group",
            "/api/v1/methods?lang=fi&age=3&sector=social_services",
            "/en/methods/?q=parents",
            "/sv/parents/?age=3-5",
        ]
        others = [f"/{lang}/methods/{method_id}" for method_id in sorted(self.catalogue.methods) for lang in LANGUAGES]
        paths = popular * 20 + others + self.distinct_searches(2_000)[:100]  # a third popular, a third each other
        before = _get_json(self.base + "/healthz")["generation"]["name"]
        outcome: dict = {}
        stop = threading.Event()

        def rebuild() -> None:
            started = time.monotonic()
            time.sleep(rebuild_at)
            (self.content / "en" / f"{PROBE_ID}.md").write_text(PROBE, encoding="utf-8")
            began = time.monotonic()
            # at low priority, as a rebuild on a serving host should run (README, Deployment)
            command = ["nice", "-n", "10", str(BIN / "catalogue"), "build"]
            command += ["--content", str(self.content), "--index", str(self.index)]
            done = subprocess.run(command, capture_output=True, text=True)
            outcome.update(
                index_seconds=round(time.monotonic() - began, 2),
                index_exit=done.returncode,
                index_output=(done.stdout + done.stderr).strip().splitlines()[-3:],
                swapped_at_second=round(time.monotonic() - started, 1),
            )
            time.sleep(max(settle, duration - (time.monotonic() - started)))
            stop.set()

        builder = threading.Thread(target=rebuild)
        builder.start()
        result = wrk(self.base, paths, connections, until=stop)
        builder.join()
        result.update(outcome)
        found = _get_json(f"{self.base}/api/v1/methods?lang=en&q={PROBE_WORD}")
        result["after"] = {
            "generation_changed": _get_json(self.base + "/healthz")["generation"]["name"] != before,
            "search_finds_new_method": PROBE_ID in [hit["id"] for hit in found["results"]],
            "new_method_page_status": _status(f"{self.base}/en/methods/{PROBE_ID}"),
            "search_page_lists_it": PROBE_ID in _text(f"{self.base}/sv/methods/?q={PROBE_WORD}"),
        }
        return result


# -- wrk ----------------------------------------------------------------------------------------------------


def wrk(
    base: str, paths: list[str], connections: int, duration: int = 600, until: threading.Event | None = None
) -> dict:
    """wrk for `duration` seconds, or until `until` is set (wrk stops on SIGINT and reports)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "--latency"]
    command += ["-H", "Accept-Encoding: br, gzip", "-s", str(LUA), base]
    began = time.monotonic()
    env = {**os.environ, "BENCH_PATHS": listing.name}
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        if until is not None:
            until.wait(duration)
            process.send_signal(signal.SIGINT)
        output, errors = process.communicate()
    finally:
        os.unlink(listing.name)
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {errors}")
    return {"connections": connections, "seconds": round(time.monotonic() - began), **parse_wrk(output)}


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * UNITS[unit], 2)

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": requests,
        "requests_per_second": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))),
        "p50_ms": latency("50"),
        "p90_ms": latency("90"),
        "p99_ms": latency("99"),
        "socket_errors": socket_errors,
        "bad_status": int(bad_status.group(1)) if bad_status else 0,
    }


# -- reporting -----------------------------------------------------------------------------------------------


def _cold_start_table(cold: dict) -> str:
    runs = ", ".join(f"{s:.2f}" for s in cold["seconds"])
    return f"\ncold start (gunicorn start to first 200 of a method page): median {cold['median']:.2f} s ({runs})\n"


def _pages_table(rows: list[dict]) -> str:
    lines = [
        "| scenario | connections | requests/s | p50 ms | p90 ms | p99 ms | failed |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        failed = row["socket_errors"] + row["bad_status"]
        lines.append(
            f"| {row['scenario']} | {row['connections']} | {row['requests_per_second']:,} | {row['p50_ms']} "
            f"| {row['p90_ms']} | {row['p99_ms']} | {failed} of {row['requests']:,} |"
        )
    return "\n".join(lines)


def _rebuild_table(row: dict) -> str:
    failed = row["socket_errors"] + row["bad_status"]
    after = row["after"]
    return (
        f"\nrebuild under load ({row['connections']} connections, {row['seconds']} s): {row['requests']:,} requests, "
        f"{row['requests_per_second']:,}/s, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, {failed} failed; "
        f"`catalogue index` took {row.get('index_seconds')} s (exit {row.get('index_exit')}), swapped in at "
        f"~{row.get('swapped_at_second')} s; afterwards: new generation {after['generation_changed']}, "
        f"search finds the new method {after['search_finds_new_method']}, its page "
        f"{after['new_method_page_status']}, search page lists it {after['search_page_lists_it']}"
    )


def _failures(report: dict) -> list[str]:
    failures = []
    cold = report.get("cold_start")
    if cold and cold["median"] >= 2.0:
        failures.append(f"cold start {cold['median']:.2f} s (target < 2 s)")
    for row in report.get("pages", []):
        name = f"{row['scenario']} at {row['connections']} connections"
        if row["socket_errors"] + row["bad_status"]:
            failures.append(f"{name}: {row['socket_errors'] + row['bad_status']} failed requests")
        if row["scenario"] in TARGETS and row["requests_per_second"] < TARGETS[row["scenario"]]:
            failures.append(f"{name}: {row['requests_per_second']} requests/s (target {TARGETS[row['scenario']]})")
        if row["scenario"] != "search, all different" and row["p99_ms"] >= P99_TARGET_MS:
            failures.append(f"{name}: p99 {row['p99_ms']} ms (target < {P99_TARGET_MS} ms)")
    rebuild = report.get("rebuild")
    if rebuild:
        if rebuild["socket_errors"] + rebuild["bad_status"]:
            failures.append(f"rebuild under load: {rebuild['socket_errors'] + rebuild['bad_status']} failed requests")
        after = rebuild["after"]
        shown = after["generation_changed"] and after["search_finds_new_method"] and after["search_page_lists_it"]
        if rebuild.get("index_exit") != 0 or after["new_method_page_status"] != 200 or not shown:
            failures.append(f"rebuild under load: new content not served afterwards: {after}")
    return failures


# -- helpers -----------------------------------------------------------------------------------------------


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer 200 within {seconds} s")
        time.sleep(0.01)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _machine() -> dict:
    return {"cpus": os.cpu_count(), "load_average_before": os.getloadavg(), "python": sys.version.split()[0]}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    main()
