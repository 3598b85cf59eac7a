"""Attack benchmark (not a test): the documented production pair (`make serve-prod`: nginx in front of gunicorn)
on loopback, under the attacks that once took the bare gunicorn down. Bounded loops; about two minutes.

    .venv/bin/python -m bench.attack                     # make bench-attack
    .venv/bin/python -m bench.attack --only slow forged --seconds 10

On a copy of the index in a temporary folder (the repository's own generations are not touched):

- slow: 12 connections sending a request body one byte every 5 s and 1,000 idle connections (reopened
  when nginx closes them), while a probe asks for a method page every 0.5 s: every probe must be answered
  within 1 s;
- flood: 5,000 feedback posts with a valid form token from 8 threads: they are rate-limited (429), the store
  stays within its caps, and no answer is a 5xx;
- forged: a forged Host, X-Forwarded-Host and absolute request line on pages, the sitemap, robots.txt and the
  feed: no response carries the attacker's host;
- deleted: `current` is deleted while searches nobody asked before go on: every search must succeed.

Results go to stdout as Markdown and to bench/results/attack-<time>.json. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
ATTACKER = "evil.example.com"
PROBE_LIMIT_S = 1.0


class Pair:
    """nginx + gunicorn (deploy/serve_prod.py) on a free loopback port, on its own copy of the index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index = folder / "index"
        subprocess.run(
            [str(BIN / "catalogue"), "build", "--content", str(ROOT / "content"), "--index", str(self.index)],
            check=True,
            capture_output=True,
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        environ = {
            **os.environ,
            "CATALOGUE_INDEX_DIR": str(self.index),
            "CATALOGUE_FEEDBACK_DIR": str(folder / "feedback"),
            "GUNICORN_ACCESS_LOG": "",
        }
        command = [sys.executable, "deploy/serve_prod.py", "--port", str(self.port)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the production pair did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)

    def get(self, path: str, timeout: float = 10) -> tuple[int, float]:
        """Status and seconds for one GET on a new connection; status 0 when it failed or timed out."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        return status, time.monotonic() - started

    def health(self) -> dict:
        with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
            return json.load(response)


def slow_and_idle(pair: Pair, seconds: float, slow: int = 12, idle: int = 1000) -> dict:
    """Slow bodies and idle connections while a probe asks for a page every 0.5 s."""
    stop = threading.Event()
    opened = Counter()

    def slow_body() -> None:
        head = (
            f"POST /sv/about/ HTTP/1.1\r\nHost: 127.0.0.1:{pair.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n"
        )
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", pair.port), timeout=10) as sock:
                    sock.sendall(head.encode())
                    opened["slow"] += 1
                    while not stop.wait(5):
                        sock.sendall(b"m")
            except OSError:
                stop.wait(0.1)

    def idle_connections() -> None:
        sockets: list[socket.socket] = []
        while not stop.is_set():
            alive = []
            for sock in sockets:  # nginx closes idle connections after its header timeout: open new ones
                try:
                    closed = sock.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK) == b""
                except BlockingIOError:
                    closed = False
                except OSError:
                    closed = True
                (sock.close() if closed else alive.append(sock))
            sockets = alive
            while len(sockets) < idle and not stop.is_set():
                try:
                    sockets.append(socket.create_connection(("127.0.0.1", pair.port), timeout=5))
                    opened["idle"] += 1
                except OSError:
                    break
            stop.wait(0.5)
        for sock in sockets:
            sock.close()

    threads = [threading.Thread(target=slow_body, daemon=True) for _ in range(slow)]
    threads.append(threading.Thread(target=idle_connections, daemon=True))
    for thread in threads:
        thread.start()
    time.sleep(2)
    probes = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        probes.append(pair.get("/sv/methods/circle-of-security", timeout=10))
        time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    slowest = max(elapsed for _, elapsed in probes)
    answered = sum(1 for status, elapsed in probes if status == 200 and elapsed < PROBE_LIMIT_S)
    return {
        "probes": len(probes),
        "answered_within_1s": answered,
        "slowest_probe_ms": round(slowest * 1000, 1),
        "connections_opened": dict(opened),
        "held": answered == len(probes),
    }


def flood(pair: Pair, posts: int = 5000, threads: int = 8) -> dict:
    """Feedback posts with a valid token, as fast as 8 threads can send them."""
    statuses: Counter = Counter()
    lock = threading.Lock()
    per_thread = posts // threads

    def poster() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", pair.port, timeout=10)
        connection.request("GET", "/sv/feedback/")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = "; ".join(value.split(";")[0] for value in response.msg.get_all("Set-Cookie") or [])
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if found is None:  # no form to post: counted as a failure of the site
            with lock:
                statuses[response.status or 0] += per_thread
            return
        token = found.group(1)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        for n in range(per_thread):
            body = f"csrf_token={token}&message=flood+{n}+" + "x" * 1000
            try:
                connection.request("POST", "/sv/feedback/", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except OSError:
                connection.close()
                status = 0
            with lock:
                statuses[status] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=poster) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    store = pair.health()["feedback"]
    return {
        "posts": sum(statuses.values()),
        "seconds": round(elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "server_errors": sum(v for k, v in statuses.items() if k >= 500 or k == 0),
        "kept": store.get("messages"),
        "store": store["status"],
        "held": not any(k >= 500 or k == 0 for k in statuses),
    }


def forged(pair: Pair) -> dict:
    """Requests naming the attacker's host in every way HTTP allows; no answer may carry it."""
    paths = [
        "/",
        "/sv/",
        "/sv/methods",
        "/sv/methods/circle-of-security",
        "/sitemap.xml",
        "/robots.txt",
        "/sv/feed.xml",
    ]
    good = f"127.0.0.1:{pair.port}"
    variants = {
        "Host": lambda path: (path, {"Host": ATTACKER}),
        "X-Forwarded-Host": lambda path: (path, {"Host": good, "X-Forwarded-Host": ATTACKER}),
        "absolute request line": lambda path: (f"http://{ATTACKER}{path}", {"Host": good}),
    }
    leaks, statuses = [], Counter()
    for name, variant in variants.items():
        for path in paths:
            target, headers = variant(path)
            lines = [f"GET {target} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "Connection: close"]
            with socket.create_connection(("127.0.0.1", pair.port), timeout=10) as sock:
                sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
                answer = b""
                while chunk := sock.recv(65536):
                    answer += chunk
            statuses[f"{name} {answer.split(b' ', 2)[1].decode()}"] += 1
            if ATTACKER.encode() in answer:
                leaks.append(f"{name} {path}")
    return {"requests": sum(statuses.values()), "statuses": dict(statuses), "leaks": leaks, "held": not leaks}


def deleted_current(pair: Pair, seconds: float) -> dict:
    """`current` deleted while new searches go on."""
    statuses: Counter = Counter()
    n = 0
    deadline = time.monotonic() + seconds
    removed = False
    while time.monotonic() < deadline:
        if not removed and time.monotonic() > deadline - seconds / 2:
            (pair.index / "current").unlink()
            removed = True
        status, _ = pair.get(f"/fi/methods/?q=vanhemmat+{n}")
        statuses[status] += 1
        n += 1
        time.sleep(0.2)  # a reader's pace, under the search rate limit (this client is also the attacker)
    health = pair.health()
    return {
        "searches": n,
        "statuses": {str(k): v for k, v in statuses.items()},
        "health": health["status"],
        "held": set(statuses) == {200},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=["slow", "flood", "forged", "deleted"])
    parser.add_argument("--seconds", type=float, default=30, help="How long the slow-client probe runs.")
    args = parser.parse_args()
    wanted = args.only or ["slow", "flood", "forged", "deleted"]
    folder = Path(tempfile.mkdtemp(prefix="catalogue-attack-"))
    report: dict = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    pair = Pair(folder)
    try:
        if "slow" in wanted:
            report["slow"] = slow_and_idle(pair, args.seconds)
        if "flood" in wanted:
            report["flood"] = flood(pair)
        if "forged" in wanted:
            report["forged"] = forged(pair)
        if "deleted" in wanted:
            report["deleted"] = deleted_current(pair, 10)
    finally:
        pair.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print("| attack | held | figures |\n|---|---|---|")
    for name, result in report.items():
        if name != "when":
            figures = ", ".join(f"{k}: {v}" for k, v in result.items() if k != "held")
            print(f"| {name} | {'yes' if result['held'] else 'NO'} | {figures} |")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"attack-{dt.datetime.now():%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")
    if not all(result["held"] for name, result in report.items() if name != "when"):
        sys.exit(1)


if __name__ == "__main__":
    main()
