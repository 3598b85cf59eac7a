"""Feedback-form messages in SQLite (WAL): one file in the feedback folder, safe for every worker and thread.

Bounded: at most `max_messages` rows and `max_bytes` of database (SQLite's own `max_page_count`, so the limit
holds whatever a message weighs). A message is written in one transaction: when the store is full, the disk is
full or the file cannot be written, it is not kept at all (never half) and `add` raises `StoreFull` or
`StoreUnavailable`; the form then asks the reader to try again later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FILENAME = "feedback.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    received TEXT NOT NULL,
    lang TEXT NOT NULL,
    page TEXT NOT NULL,
    email TEXT NOT NULL,
    message TEXT NOT NULL
)
"""
FIELDS = ("received", "lang", "page", "email", "message")


class StoreFull(Exception):
    """The store holds as many messages or bytes as it may, or the disk is full."""


class StoreUnavailable(Exception):
    """The database cannot be opened or written (permissions, a broken file)."""


@dataclass(frozen=True)
class FeedbackStore:
    folder: Path
    max_messages: int
    max_bytes: int

    @property
    def path(self) -> Path:
        return self.folder / FILENAME

    def add(self, lang: str, page: str, email: str, message: str) -> None:
        received = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with self._connection() as db:
                db.execute("BEGIN IMMEDIATE")
                (count,) = db.execute("SELECT count(*) FROM feedback").fetchone()
                if count >= self.max_messages:
                    db.execute("ROLLBACK")
                    raise StoreFull(f"{count} messages kept: the most allowed")
                db.execute(
                    "INSERT INTO feedback (received, lang, page, email, message) VALUES (?, ?, ?, ?, ?)",
                    (received, lang, page, email, message),
                )
                db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "full" in str(exc):  # SQLITE_FULL: max_page_count reached, or the disk
                raise StoreFull(str(exc)) from exc
            raise StoreUnavailable(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def messages(self) -> list[dict[str, str]]:
        """Every message, oldest first (for staff: `catalogue feedback export`)."""
        with self._connection() as db:
            rows = db.execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id").fetchall()
        return [dict(zip(FIELDS, row, strict=True)) for row in rows]

    def import_json(self, folder: Path) -> int:
        """Messages an earlier version kept as one JSON file each; returns how many were added."""
        records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]
        with self._connection() as db:
            db.executemany(
                "INSERT INTO feedback (received, lang, page, email, message) VALUES (?, ?, ?, ?, ?)",
                [tuple(str(record.get(name, "")) for name in FIELDS) for record in records],
            )
        return len(records)

    def state(self) -> dict[str, int | str]:
        """For /healthz: ok, full or unavailable, and how many messages are kept."""
        try:
            with self._connection() as db:
                (count,) = db.execute("SELECT count(*) FROM feedback").fetchone()
                pages, page_size = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "page_size"))
        except sqlite3.DatabaseError as exc:
            return {"status": "unavailable", "reason": str(exc)}
        full = count >= self.max_messages or pages * page_size >= self.max_bytes
        return {"status": "full" if full else "ok", "messages": count}

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise sqlite3.OperationalError(f"cannot create {self.folder}: {exc.strerror}") from exc
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            (page_size,) = db.execute("PRAGMA page_size").fetchone()
            db.execute(f"PRAGMA max_page_count={max(self.max_bytes // page_size, 16)}")
            db.execute(SCHEMA)
            yield db
        finally:
            db.close()
