"""When each method's facts last changed, from the repository's history (`git log` over the facts files), so a
reader sees that a rating or an age was updated. Absent when the content is not in a git checkout (e.g. a
container image without `.git`): nothing is invented then.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from catalogue.content import FACTS_LANGUAGE


@dataclass(frozen=True)
class Change:
    day: dt.date
    summary: str
    """The commit's subject line: what the change was about."""


def last_fact_changes(content_dir: Path) -> dict[str, Change]:
    """method id → the last commit that changed its facts file; {} outside a git checkout."""
    folder = Path(content_dir) / FACTS_LANGUAGE
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x1e%as%x1f%s", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, Change] = {}
    for entry in log.split("\x1e")[1:]:
        header, _, files = entry.partition("\n")
        day, _, summary = header.partition("\x1f")
        for name in files.split():
            path = Path(name)
            if path.suffix == ".md" and path.stem not in changes:
                changes[path.stem] = Change(dt.date.fromisoformat(day), summary.strip())
    return changes
