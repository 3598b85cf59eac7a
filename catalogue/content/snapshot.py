"""The validated catalogue as one compact file of a generation: written by `catalogue build`, read by the site.

Loading it needs neither YAML nor jsonschema nor Markdown: the site's workers start from what the build
checked and rendered. The file is a pickle of the catalogue (without the parsed source documents) behind a
format version; it is only ever read from a generation this code wrote, as Whoosh reads its own pickled schema.
A file of another version, or a damaged one, raises `SnapshotError` and the reader keeps what it has.
"""

from __future__ import annotations

import pickle
import zlib
from dataclasses import fields, replace
from pathlib import Path

from catalogue.content.loading import Catalogue
from catalogue.content.model import Text

FILE = "catalogue.pickle"
VERSION = 5
"""Raise when the model's classes change shape: an older site then refuses a newer generation, and vice versa."""
MAGIC = b"nordic-method-catalogue snapshot "


class SnapshotError(Exception):
    """The snapshot is missing, damaged or of another version."""


PACKED = ("body", "body_html")
"""The long texts, kept compressed in a worker's memory: most of a catalogue's size, read one page at a time."""


class PackedText(Text):
    """A `Text` whose body and rendered body are zlib-compressed, and inflated when read (tens of µs a page)."""

    @property
    def body(self) -> str:  # type: ignore[override]
        return zlib.decompress(self.__dict__["_body"]).decode()

    @property
    def body_html(self) -> str:  # type: ignore[override]
        return zlib.decompress(self.__dict__["_body_html"]).decode()


def _packed(text: Text) -> PackedText:
    packed = PackedText.__new__(PackedText)
    state = {f.name: getattr(text, f.name) for f in fields(text) if f.name not in PACKED}
    state |= {f"_{name}": zlib.compress(getattr(text, name).encode(), 6) for name in PACKED}
    packed.__dict__.update(state)
    return packed


def dump(catalogue: Catalogue, folder: Path) -> Path:
    path = Path(folder) / FILE
    header = MAGIC + str(VERSION).encode() + b"\n"
    methods = {
        method_id: replace(method, texts={lang: _packed(text) for lang, text in method.texts.items()})
        for method_id, method in catalogue.methods.items()
    }
    snapshot = replace(catalogue, documents=[], methods=methods)
    path.write_bytes(header + pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def load(folder: Path) -> Catalogue:
    path = Path(folder) / FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    header, _, body = data.partition(b"\n")
    if header != MAGIC + str(VERSION).encode():
        raise SnapshotError(f"{path}: not a catalogue snapshot of version {VERSION}; rebuild with `catalogue build`")
    try:
        catalogue = pickle.loads(body)
    except Exception as exc:  # a damaged file can fail in many ways inside pickle
        raise SnapshotError(f"{path}: damaged ({exc}); rebuild with `catalogue build`") from exc
    if not isinstance(catalogue, Catalogue):
        raise SnapshotError(f"{path}: does not hold a catalogue")
    return catalogue
