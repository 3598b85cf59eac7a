"""`build_index`: a new generation, built beside the live one and swapped in atomically.

Layout of the generations folder:

    index/
      current -> gen-20261123T101500-123-ab12   (a relative symlink, replaced atomically)
      gen-20261123T101500-123-ab12/              (Whoosh files, catalogue.json, and what `extra` writes:
                                                  `catalogue build` adds the validated catalogue)
      gen-...                                    (older generations, kept for a grace period)

The index is written by Whoosh's own writers: `SegmentWriter`, or for a large catalogue `MpWriter` with one
process per usable core (at most MAX_PROCESSES), each writing a segment.

Readers (`SearchService`) resolve `current` once per generation and keep their searcher until the next one
is open, so they never see a half-built or missing index. A failed build removes its own half-built
generation and leaves `current` as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index

from catalogue.content import LANGUAGES
from catalogue.content.loading import Catalogue

from .analysis import dictionary_compounds, fold, words
from .concepts import add_concept_words, concept_entries
from .documents import catalogue_documents, shown_words, spelling_vocabulary, swedish_lexicon, swedish_words
from .facets import facet_vocabulary
from .schema import build_schema, language_terms
from .synonyms import SynonymError, load_synonyms

CURRENT = "current"
GENERATION_PREFIX = "gen-"
META = "catalogue.json"
GRACE_SECONDS = 600.0
"""How long a replaced generation stays on disk for readers that still have it open."""
MAX_PROCESSES = 4
"""At most this many processes write a large index (each writes one segment, and readers merge segments)."""
MIN_DOCUMENTS_PER_PROCESS = 1000
"""Below this many documents per process, starting a worker process costs more than it saves."""
WRITER_MB = 256
"""Memory for each writer's posting pool before it spills to disk."""


class IndexBuildError(Exception):
    """The index could not be built or swapped in; the previous index (if any) still serves."""


def current_generation(index_dir: Path) -> Path | None:
    link = Path(index_dir) / CURRENT
    try:
        return Path(index_dir) / os.readlink(link)
    except OSError:
        return None


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def build_index(
    catalogue: Catalogue,
    index_dir: Path,
    grace: float = GRACE_SECONDS,
    processes: int | None = None,
    extra: Callable[[Path], object] | None = None,
) -> Path:
    """Build every method into a new generation under `index_dir`, swap it in, and drop expired generations.

    `extra(folder)` writes further files into the generation before it is checked and swapped in. A large
    catalogue is written by `processes` processes (default: one per usable core, at most MAX_PROCESSES).
    Returns the new generation's folder. Raises IndexBuildError (with the reason: not writable, disk full,
    unreadable synonyms) and leaves the old generation serving.
    """
    if processes is None:
        processes = min(MAX_PROCESSES, _usable_cores())
    index_dir = Path(index_dir)
    try:
        synonyms = load_synonyms(catalogue.content_dir)
    except SynonymError as exc:
        raise IndexBuildError(str(exc)) from exc
    documents = list(catalogue_documents(catalogue))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    generation = index_dir / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}-{secrets.token_hex(2)}"
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        generation.mkdir()
        swedish = swedish_words(documents)
        schema = build_schema(
            swedish_lexicon(swedish), dictionary_compounds(swedish | _swedish_entries(catalogue, synonyms))
        )
        index = whoosh_index.create_in(str(generation), schema)
        _write(index, [doc.fields for doc in documents], processes)
        vocabulary = spelling_vocabulary(documents)
        add_concept_words(vocabulary, catalogue)
        meta = {
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "languages": list(LANGUAGES),
            "facets": facet_vocabulary(catalogue.taxonomy),
            "synonyms": synonyms,
            "concepts": concept_entries(catalogue),
            "spelling": vocabulary,
            "words": {
                lang: language_terms(schema, lang).export(found) for lang, found in shown_words(documents).items()
            },
            "records": [doc.record for doc in documents],
        }
        (generation / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        if extra is not None:
            extra(generation)
        _check(generation, len(documents))
        _sync(generation)
        _swap(index_dir, generation)
    except OSError as exc:
        shutil.rmtree(generation, ignore_errors=True)
        raise IndexBuildError(_explain(exc, index_dir)) from exc
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    remove_expired(index_dir, grace)
    return generation


def _swedish_entries(catalogue: Catalogue, synonyms: dict[str, list[list[str]]]) -> set[str]:
    """The words of the Swedish synonyms and everyday entry terms: the search reads them at every start, so their
    compound parts are worked out with the catalogue's."""
    concepts = catalogue.concepts
    entries = [
        *(entry for group in synonyms.get("sv", []) for entry in group),
        *(term for terms in concepts.topics.get("sv", {}).values() for term in terms),
        *(term for terms in concepts.ages.get("sv", {}).values() for term in terms),
        *concepts.optional.get("sv", ()),
    ]
    return {fold(word) for entry in entries for word in words(entry) if not word.isdigit()}


def _write(index, documents: list[dict], processes: int) -> None:
    """Whoosh's own writers: one segment, or one per process for a large catalogue."""
    if processes > 1 and len(documents) >= MIN_DOCUMENTS_PER_PROCESS * processes:
        batch = -(-len(documents) // processes)  # one job per process, so each writes one segment
        writer = index.writer(procs=processes, batchsize=batch, multisegment=True, limitmb=WRITER_MB)
    else:
        writer = index.writer(limitmb=WRITER_MB)
    try:
        for fields in documents:
            writer.add_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _check(generation: Path, expected: int) -> None:
    index = whoosh_index.open_dir(str(generation), readonly=True)
    try:
        found = index.doc_count_all()
    finally:
        index.close()
    if found != expected:
        raise IndexBuildError(f"{generation}: has {found} documents, expected {expected}; not swapped in")


def _sync(folder: Path) -> None:
    """Make the generation durable before it becomes `current`."""
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(index_dir: Path, generation: Path) -> None:
    replaced = current_generation(index_dir)
    temporary = index_dir / f".{CURRENT}-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(generation.name, temporary)
    try:
        os.replace(temporary, index_dir / CURRENT)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    _sync_dir(index_dir)
    if replaced is not None and replaced.exists():
        os.utime(replaced)  # its grace period starts now


def remove_expired(index_dir: Path, grace: float = GRACE_SECONDS) -> list[Path]:
    """Delete generations other than `current` replaced more than `grace` seconds ago (or never swapped in)."""
    live = current_generation(index_dir)
    now = time.time()
    removed = []
    for path in sorted(Path(index_dir).glob(f"{GENERATION_PREFIX}*")):
        if live is not None and path.name == live.name:
            continue
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        if age >= grace:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _explain(exc: OSError, index_dir: Path) -> str:
    where = exc.filename or index_dir
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (
            f"cannot build the search index in {index_dir}: the disk is full ({where}); the previous index still serves"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot build the search index in {index_dir}: {where} is not writable; the previous index still serves"
    return f"cannot build the search index in {index_dir}: {exc.strerror or exc} ({where}); the previous index still serves"
