"""`catalogue diff BASE [HEAD]`: what a change does to the facts, in plain words, for a reviewer who is not a
programmer ("Triple P: evidence level Promising → Effective; rating added: Kasvun tuki 4/5 (2025-03-24)").

Both catalogues are read from git (`git archive REV content`), or HEAD from the working tree when it is left out,
and compared method by method: methods added or removed, and per method the facts that changed (kind, level,
ratings, ages, need, sectors, topics, format, languages, duration, where to get it, sources) and the languages
whose texts changed.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import asdict
from pathlib import Path

from catalogue.content.loading import Catalogue, load_catalogue
from catalogue.content.model import Method

LISTS = (("need", "need"), ("sectors", "sectors"), ("topics", "topics"), ("format", "formats"))
TEXT_PARTS = ("title", "summary", "parent_summary", "body", "training")


class DiffError(Exception):
    """A revision cannot be read (not a git checkout, or no such revision)."""


def catalogue_at(revision: str | None, content_dir: Path) -> Catalogue:
    """The catalogue at a git revision (its `content/` folder), or in the working tree when `revision` is None."""
    if revision is None:
        return load_catalogue(content_dir)
    folder = Path(content_dir)
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = folder.resolve().relative_to(Path(top).resolve())
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, str(relative)], cwd=top, capture_output=True, check=True
        ).stdout
    except (subprocess.CalledProcessError, OSError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        message = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else str(detail)
        raise DiffError(f"cannot read {revision}: {message or exc}") from exc
    with tempfile.TemporaryDirectory(prefix="catalogue-diff-") as target:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
        return load_catalogue(Path(target) / relative)


def fact_diff(before: Catalogue, after: Catalogue, lang: str = "en") -> list[str]:
    """One line per method that changed, in plain words."""
    taxonomy = after.taxonomy
    lines = []
    for method_id in sorted(set(before.methods) | set(after.methods)):
        old, new = before.methods.get(method_id), after.methods.get(method_id)
        if old is None:
            lines.append(f"{_title(new, lang)} ({method_id}): new method, {_summary(new, taxonomy, lang)}")
        elif new is None:
            lines.append(f"{_title(old, lang)} ({method_id}): removed")
        else:
            changes = _changes(old, new, taxonomy, lang)
            if changes:
                lines.append(f"{_title(new, lang)} ({method_id}): " + "; ".join(changes))
    return lines


def _title(method: Method, lang: str) -> str:
    return method.text(lang).title


def _summary(method: Method, taxonomy, lang: str) -> str:
    return f"{taxonomy.label('levels', method.level, lang)}, ages {_ages(method)}"


def _ages(method: Method) -> str:
    span = f"{method.age.start}–{method.age.end}" if method.age.start != method.age.end else str(method.age.start)
    return ("pregnancy, " if method.age.prenatal else "") + span


def _rating(rating, taxonomy, lang: str) -> str:
    date = rating.date or "no date stated"
    return f"{taxonomy.label('registries', rating.registry, lang)} {rating.rating} ({date})"


def _changes(old: Method, new: Method, taxonomy, lang: str) -> list[str]:
    changes = []
    if old.kind != new.kind:
        changes.append(f"kind {old.kind} → {new.kind}")
    if old.level != new.level:
        changes.append(
            f"evidence level {taxonomy.label('levels', old.level, lang)} → {taxonomy.label('levels', new.level, lang)}"
        )
    before = {_rating(r, taxonomy, lang) for r in old.ratings}
    after = {_rating(r, taxonomy, lang) for r in new.ratings}
    changes += [f"rating added: {text}" for text in sorted(after - before)]
    changes += [f"rating removed: {text}" for text in sorted(before - after)]
    if (old.age.start, old.age.end, old.age.prenatal) != (new.age.start, new.age.end, new.age.prenatal):
        changes.append(f"ages {_ages(old)} → {_ages(new)}")
    for attribute, vocabulary in LISTS:
        added = [t for t in getattr(new, attribute) if t not in getattr(old, attribute)]
        removed = [t for t in getattr(old, attribute) if t not in getattr(new, attribute)]
        name = attribute.replace("_", " ")
        if added:
            changes.append(f"{name} added: " + ", ".join(taxonomy.label(vocabulary, t, lang) for t in added))
        if removed:
            changes.append(f"{name} removed: " + ", ".join(taxonomy.label(vocabulary, t, lang) for t in removed))
    if old.languages != new.languages:
        changes.append("delivery languages changed")
    if old.duration != new.duration:
        changes.append("duration changed")
    if _plain(old.implementation) != _plain(new.implementation):
        changes.append("where to get it changed")
    if {s.url for s in old.sources} != {s.url for s in new.sources}:
        changes.append("sources changed")
    texts = [
        code
        for code in sorted(set(old.texts) | set(new.texts))
        if code not in old.texts
        or code not in new.texts
        or any(getattr(old.texts[code], part) != getattr(new.texts[code], part) for part in TEXT_PARTS)
    ]
    if texts:
        changes.append("texts changed in " + ", ".join(texts))
    return changes


def _plain(value) -> object:
    return asdict(value) if value is not None else None
