"""What the site shows: the catalogue (reloaded when a content file changes) and the search service.

`current_catalogue()` and `search_service()` are what views (and the API) use; both are one per app.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, current_app

import search
from catalogue.content.loading import Catalogue, content_files, load_catalogue
from catalogue.content.taxonomy import TaxonomyError
from catalogue.web.http.i18n import current_language
from catalogue.web.search_cache import CachedSearch

log = logging.getLogger(__name__)

Signature = tuple[tuple[str, int, int], ...]


def content_signature(content_dir: Path) -> Signature:
    """Name, mtime and size of every file the catalogue is read from: it changes when any of them does."""
    paths = [*content_files(content_dir), content_dir / "taxonomy.yaml", content_dir / "config.yaml"]
    signature = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


class ContentStore:
    """The catalogue, loaded once and loaded again when the content files change.

    A change is looked for at most every `check_seconds`. If the taxonomy breaks after start, the
    last good catalogue stays in service (broken method files are already left out by the loader).
    """

    def __init__(self, content_dir: Path, check_seconds: float = 1.0) -> None:
        self.content_dir = content_dir
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._signature = content_signature(content_dir)
        self._catalogue = _logged(load_catalogue(content_dir))
        self._checked = time.monotonic()

    def get(self) -> Catalogue:
        """The current catalogue. While one thread reloads changed content, the others keep the previous one."""
        if time.monotonic() - self._checked >= self.check_seconds and self._lock.acquire(blocking=False):
            try:
                self._reload_if_changed()
            finally:
                self._lock.release()
        return self._catalogue

    def _reload_if_changed(self) -> None:
        self._checked = time.monotonic()
        signature = content_signature(self.content_dir)
        if signature == self._signature:
            return
        try:
            self._catalogue = _logged(load_catalogue(self.content_dir))
        except TaxonomyError as exc:
            log.error("content changed but cannot be loaded; still showing the previous version: %s", exc)
        self._signature = signature


def _logged(catalogue: Catalogue) -> Catalogue:
    """Every file left out, in the log: the site serves the rest, `/healthz` counts them."""
    for problem in catalogue.errors:
        log.error("content error, left out of the site: %s", problem)
    return catalogue


def init_app(app: Flask) -> None:
    app.extensions["catalogue.content"] = ContentStore(app.config["CONTENT_DIR"], app.config["CONTENT_CHECK_SECONDS"])
    service = search.SearchService(app.config["INDEX_DIR"])
    app.extensions["catalogue.search"] = CachedSearch(service, app.config["SEARCH_CACHE_ENTRIES"])


def current_catalogue() -> Catalogue:
    return current_app.extensions["catalogue.content"].get()


def search_service() -> CachedSearch:
    """The app's search; it opens the index on first use, follows rebuilds by itself, caches popular results."""
    return current_app.extensions["catalogue.search"]


def search_request(args: Mapping[str, list[str]]) -> search.SearchRequest:
    """A search in the reader's language from query parameters; raises search.BadParameter."""
    return search.SearchRequest.from_args(current_language(), args, taxonomy=current_catalogue().taxonomy)
