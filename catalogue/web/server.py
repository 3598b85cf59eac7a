"""Running the site outside a WSGI server: the development server of `catalogue serve`, and a server in a
background thread on a free port (browser tests, screenshots).

The development server builds a generation at start and again whenever a content file changes (watchdog
tells it; a burst of saves gives one build), so an editor's preview shows the page, the search hit and the
counts together within seconds. A build that fails leaves the previous generation serving, and says why.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from werkzeug.serving import WSGIRequestHandler, make_server

from catalogue.build import BuildError, build
from catalogue.content.taxonomy import TaxonomyError

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.3
"""After a change, wait this long for more (an editor's save can be several file events) before building."""
WATCHED = (".md", ".yaml", ".txt")
"""Method files, taxonomy and config, synonym lists."""


def rebuild(content_dir: Path, index_dir: Path) -> bool:
    """Build a generation from the content as it is now; False (the previous one keeps serving) when that fails."""
    try:
        generation, catalogue = build(content_dir, index_dir)
    except (TaxonomyError, BuildError) as exc:
        log.error("not rebuilt: %s", exc)
        return False
    log.info("built %s: %d methods, %d files left out", generation.name, len(catalogue.methods), len(catalogue.errors))
    return True


class ContentWatcher(FileSystemEventHandler):
    """Rebuilds once the content has been quiet for SETTLE_SECONDS after a change."""

    def __init__(self, content_dir: Path, index_dir: Path) -> None:
        self.content_dir, self.index_dir = Path(content_dir), Path(index_dir)
        self.builds = 0
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._observer = Observer()
        self._observer.schedule(self, str(self.content_dir), recursive=True)
        self._builder = threading.Thread(target=self._run, daemon=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if not event.is_directory and any(str(path).endswith(WATCHED) for path in paths):
            self._changed.set()

    def start(self) -> None:
        self._observer.start()
        self._builder.start()

    def stop(self) -> None:
        self._stop.set()
        self._changed.set()
        self._observer.stop()
        self._observer.join()
        self._builder.join()

    def _run(self) -> None:
        while self._changed.wait() and not self._stop.is_set():
            while self._changed.is_set() and not self._stop.is_set():  # settle: more events restart the wait
                self._changed.clear()
                self._stop.wait(SETTLE_SECONDS)
            if not self._stop.is_set():
                rebuild(self.content_dir, self.index_dir)
                self.builds += 1


@contextmanager
def watching(content_dir: Path, index_dir: Path) -> Iterator[ContentWatcher]:
    watcher = ContentWatcher(content_dir, index_dir)
    watcher.start()
    try:
        yield watcher
    finally:
        watcher.stop()


def serve(app: Flask, content_dir: Path, host: str, port: int) -> None:
    """The development server (never for production: use gunicorn), rebuilding on every content change."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    index_dir = app.config["INDEX_DIR"]
    rebuild(content_dir, index_dir)
    with watching(content_dir, index_dir):
        app.run(host=host, port=port, use_reloader=False, threaded=True)


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
