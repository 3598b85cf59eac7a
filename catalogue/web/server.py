"""Running the site outside a WSGI server: the development server of `catalogue serve`, and a server in a
background thread on a free port (browser tests, screenshots).

The development server follows content changes without a restart: the app reloads the catalogue when a
content file changes, and a watcher thread rebuilds the search index into a new generation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

import search
from catalogue.content.loading import load_catalogue
from catalogue.content.taxonomy import TaxonomyError
from catalogue.web.generation import content_signature

log = logging.getLogger(__name__)


def rebuild_index(content_dir: Path, index_dir: Path) -> bool:
    """Index the content as it is now; False (and the old index keeps serving) when that fails."""
    try:
        generation = search.build_index(load_catalogue(content_dir), index_dir)
    except (TaxonomyError, search.IndexBuildError) as exc:
        log.error("search index not rebuilt: %s", exc)
        return False
    log.info("search index rebuilt: %s", generation.name)
    return True


def watch_content(content_dir: Path, index_dir: Path, stop: threading.Event, interval: float = 1.0) -> None:
    """Rebuild the index whenever a content file changes, until `stop` is set."""
    seen = content_signature(content_dir)
    while not stop.wait(interval):
        now = content_signature(content_dir)
        if now != seen:
            seen = now
            rebuild_index(content_dir, index_dir)


def serve(app: Flask, host: str, port: int) -> None:
    """The development server (never for production: use gunicorn), with the content watcher."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    content_dir, index_dir = app.config["CONTENT_DIR"], app.config["INDEX_DIR"]
    if search.building.current_generation(index_dir) is None:
        rebuild_index(content_dir, index_dir)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_content, args=(content_dir, index_dir, stop), daemon=True)
    watcher.start()
    try:
        app.run(host=host, port=port, use_reloader=False, threaded=True)
    finally:
        stop.set()


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No line per request: tests and screenshots make hundreds."""


@contextmanager
def background_server(app: Flask, host: str = "127.0.0.1") -> Iterator[str]:
    """The app served on a free port in a thread; yields its base URL and stops it on exit."""
    server = make_server(host, 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
