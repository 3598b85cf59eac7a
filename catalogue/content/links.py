"""`catalogue check-links`: is every external address in the content still alive?

HEAD first, GET when a server refuses HEAD; a timeout per request; requests to one host spaced
out (politeness) and run one at a time, hosts in parallel; a 429 is retried after Retry-After.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from catalogue.content.loading import Catalogue

USER_AGENT = "nordic-method-catalogue-linkcheck/1.0 (+https://github.com/nordic-family-centres/method-catalogue)"
BODY_URL = re.compile(r"\]\((https?://[^)\s]+)\)")
HEAD_REFUSED = {403, 405, 501}


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None
    final_url: str = ""
    error: str = ""
    where: tuple[str, ...] = ()

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return not self.broken and bool(self.final_url) and self.final_url.rstrip("/") != self.url.rstrip("/")


def external_urls(catalogue: Catalogue) -> dict[str, list[str]]:
    """Every external address → the files that use it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(url: str, where: str) -> None:
        if url and where not in found[url]:
            found[url].append(where)

    for method in catalogue.methods.values():
        facts_file = str(method.texts[method.translations[0]].path)
        for rating in method.ratings:
            add(rating.url, facts_file)
        for source in method.sources:
            add(source.url, facts_file)
        for reference in method.references:
            add(reference.link, facts_file)
        add(method.website, facts_file)
        for text in method.texts.values():
            if text.contact:
                add(text.contact.url, str(text.path))
            for url in BODY_URL.findall(text.body):
                add(url, str(text.path))
    return dict(found)


class LinkChecker:
    def __init__(self, timeout: float = 10.0, delay: float = 1.0, max_retry_after: float = 30.0) -> None:
        self.timeout = timeout
        self.delay = delay
        self.max_retry_after = max_retry_after
        self._local = threading.local()
        self._sessions: list[requests.Session] = []

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
            self._local.session.headers["User-Agent"] = USER_AGENT
            self._sessions.append(self._local.session)
        return self._local.session

    def check_all(self, urls: dict[str, list[str]], workers: int = 8) -> list[LinkResult]:
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in sorted(urls):
            by_host[urlsplit(url).netloc.lower()].append(url)
        results: list[LinkResult] = []
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for host_results in pool.map(self._check_host, by_host.values()):
                    results.extend(host_results)
        finally:
            for session in self._sessions:
                session.close()
        return sorted(
            (LinkResult(r.url, r.status, r.final_url, r.error, tuple(urls[r.url])) for r in results),
            key=lambda r: r.url,
        )

    def _check_host(self, host_urls: list[str]) -> list[LinkResult]:
        results = []
        for index, url in enumerate(host_urls):
            if index:
                time.sleep(self.delay)
            results.append(self.check(url))
        return results

    def check(self, url: str) -> LinkResult:
        try:
            response = self._request("HEAD", url)
            if response.status_code in HEAD_REFUSED:
                response = self._request("GET", url)
        except requests.RequestException as exc:
            return LinkResult(url, None, error=type(exc).__name__)
        return LinkResult(url, response.status_code, response.url)

    def _request(self, method: str, url: str) -> requests.Response:
        response = self._session().request(method, url, timeout=self.timeout, allow_redirects=True, stream=True)
        response.close()
        if response.status_code == 429:
            wait = _retry_after(response.headers.get("Retry-After"), self.delay)
            if wait <= self.max_retry_after:
                time.sleep(wait)
                response = self._session().request(method, url, timeout=self.timeout, allow_redirects=True, stream=True)
                response.close()
        return response


def _retry_after(value: str | None, default: float) -> float:
    try:
        return max(0.0, float(value)) if value else default
    except ValueError:
        return default
