"""Reading one content file: bytes → front matter (with the line of every key) and body.

Every way a file can be unreadable becomes a `Problem`, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from catalogue.content.problems import Problem

MAX_BYTES = 200_000
_HANDLER = frontmatter.YAMLHandler()


class FactLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that keeps `no`, `on`, `yes` and dates as the strings they look like.

    YAML 1.1 turns `languages: [no]` into False and `reviewed: 2025-03-01` into a date;
    the content model wants the text and checks it itself. libyaml's parser (when PyYAML has it, as its
    wheels do) reads the content about three times faster, which keeps the site's start-up short.
    """


FactLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FactLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Document:
    """One parsed file. `data` is None when the file could not be read at all."""

    path: Path
    lang: str
    method_id: str
    data: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: tuple = ()) -> int:
        """The file line of a front-matter key or value; the nearest known parent otherwise."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: tuple, message: str, fix: str = "", severity: str = "error") -> Problem:
        return Problem(str(self.path), self.line_of(path), field_name(path), message, fix, severity)


def field_name(path: tuple) -> str:
    """('evidence', 'ratings', 0, 'url') → 'evidence.ratings[0].url'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    lang = path.parent.name
    doc = Document(path=path, lang=lang, method_id=path.stem)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(
            Problem(str(path), 1, "file", f"cannot be read: {exc.strerror}", "check the file's permissions")
        )
        return doc
    if len(raw) > max_bytes:
        doc.problems.append(
            Problem(
                str(path),
                1,
                "file",
                f"too large ({len(raw):,} bytes, at most {max_bytes:,})",
                "a method file holds text only; shorten it",
            )
        )
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(Problem(str(path), line, "file", "not UTF-8", "save the file as UTF-8 in your editor"))
        return doc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        doc.problems.append(Problem(str(path), 1, "file", "empty", "fill it in, or start from `catalogue new ID`"))
        return doc
    if not _HANDLER.detect(text):
        doc.problems.append(
            Problem(
                str(path),
                1,
                "front matter",
                "missing: the file must start with a line `---`",
                "put the facts between two `---` lines at the top",
            )
        )
        return doc
    boundaries = list(_HANDLER.FM_BOUNDARY.finditer(text))
    if len(boundaries) < 2:
        doc.problems.append(
            Problem(str(path), 1, "front matter", "no closing ---", "add a line with `---` after the last field")
        )
        return doc
    fm_text, body = _HANDLER.split(text)
    first_line = 1  # the text after the opening `---` starts with that line's newline
    doc.body = body.lstrip("\n")
    doc.body_line = text[: boundaries[1].end()].count("\n") + 1 + (len(body) - len(body.lstrip("\n")))
    _parse_front_matter(doc, fm_text, first_line)
    return doc


def _parse_front_matter(doc: Document, fm_text: str, first_line: int) -> None:
    data, lines, problems = parse_yaml(fm_text, str(doc.path), first_line, "front matter")
    doc.problems += problems
    if data is None:
        return
    if not isinstance(data, dict):
        doc.problems.append(
            Problem(
                str(doc.path),
                first_line + 1,
                "front matter",
                "must be a list of `field: value` lines",
                "write one `field: value` per line",
            )
        )
        return
    doc.data = data
    doc.lines = lines


def parse_yaml(
    text: str, source: str, first_line: int = 1, what: str = "file"
) -> tuple[Any, dict[tuple, int], list[Problem]]:
    """YAML text → (data, the line of every key and list item, problems). Data is None when it cannot be read.

    `first_line` is added to YAML's 0-based line numbers: 1 for a whole file."""
    loader = FactLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        # The context mark (where the broken construct began) is nearer the typo than the end of input.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fix = "check the colons, quotes and indentation here; put text containing `:` in quotes"
        return None, {}, [Problem(source, line, what, f"not valid YAML: {problem}", fix)]
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _record_lines(source, node, (), first_line, lines, problems)
    return data, lines, problems


def _record_lines(
    source: str, node: yaml.Node, path: tuple, offset: int, lines: dict[tuple, int], problems: list[Problem]
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            lines[child] = key_node.start_mark.line + offset
            if key in seen:
                problems.append(Problem(source, lines[child], field_name(child), "given twice", "keep one of them"))
            seen.add(key)
            _record_lines(source, value_node, child, offset, lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + offset
            _record_lines(source, item, (*path, index), offset, lines, problems)
