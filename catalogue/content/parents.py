"""Parents' texts in the parents' languages (`content/parents/<lang>.yaml`, lang one of PARENT_LANGUAGES): each
method's parent summary, and whether a native speaker has reviewed it.

    language: ar
    methods:
      abc:
        summary: >-
          ...
        reviewed_by_native: false
      marte-meo:
        summary: >-
          ...
        reviewed_by_native: true
        native_review: {by: Name Surname, date: "2026-12-20"}

Checked like method files (`path:line: field: problem (fix)`): the shape by a JSON Schema; an empty text, a review
without who and when (or a "when" in the future) and a language that is not the file's are errors; a text for an
unknown method and a method without a text are warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from catalogue.content import PARENT_LANGUAGES
from catalogue.content.documents import field_name, parse_yaml
from catalogue.content.problems import WARNING, Problem

FOLDER = "parents"
DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class NativeReview:
    """A native speaker's sign-off of one text: who read it, and when."""

    by: str
    date: dt.date


@dataclass(frozen=True)
class ParentText:
    lang: str
    summary: str
    review: NativeReview | None = None
    """None until an editor records a native speaker's review."""

    @property
    def reviewed_by_native(self) -> bool:
        return self.review is not None


ParentTexts = dict[str, dict[str, ParentText]]
"""language → method id → its parent text."""


def file_schema(lang: str) -> dict[str, Any]:
    """The JSON Schema of one language's file."""
    text = {
        "type": "object",
        "required": ["summary", "reviewed_by_native"],
        "additionalProperties": False,
        "properties": {
            "summary": {"type": "string"},
            "reviewed_by_native": {"type": "boolean"},
            "native_review": {
                "type": "object",
                "required": ["by", "date"],
                "additionalProperties": False,
                "properties": {"by": {"type": "string", "minLength": 1}, "date": {"type": "string", "pattern": DATE}},
            },
        },
    }
    return {
        "type": "object",
        "required": ["language", "methods"],
        "additionalProperties": False,
        "properties": {"language": {"enum": [lang]}, "methods": {"type": "object", "additionalProperties": text}},
    }


def parent_files(content_dir: Path) -> list[Path]:
    return sorted((Path(content_dir) / FOLDER).glob("*.yaml"))


def load_parent_texts(content_dir: Path, method_ids: set[str], today: dt.date) -> tuple[ParentTexts, list[Problem]]:
    """Every parents' file: the valid texts of known methods, and the problems found."""
    texts: ParentTexts = {}
    problems: list[Problem] = []
    for path in parent_files(content_dir):
        found, file_problems = _load_file(path, method_ids, today)
        problems += file_problems
        if found is not None:
            texts[path.stem] = found
    return texts, problems


def _load_file(path: Path, method_ids: set[str], today: dt.date) -> tuple[dict[str, ParentText] | None, list[Problem]]:
    lang = path.stem
    if lang not in PARENT_LANGUAGES:
        fix = f"name the file after one of: {', '.join(PARENT_LANGUAGES)}"
        return None, [Problem(str(path), 1, "file name", f"'{lang}' is not a parents' language", fix)]
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), 1, "file", f"cannot be read: {exc}", "save it as UTF-8")]
    data, lines, problems = parse_yaml(raw.removeprefix("\ufeff"), str(path))
    if data is None:
        return None, problems
    checker = _FileChecker(path, lang, lines, today)
    for error in jsonschema.Draft202012Validator(file_schema(lang)).iter_errors(data):
        checker.problems.append(checker.schema_problem(error))
    methods = data.get("methods") if isinstance(data, dict) else None
    if not isinstance(methods, dict):
        return None, problems + checker.problems
    found = {}
    for method_id, entry in methods.items():
        text = checker.text(str(method_id), entry, method_ids)
        if text is not None:
            found[str(method_id)] = text
    missing = sorted(method_ids - set(map(str, methods)))
    if missing:
        checker.problems.append(
            checker.problem(
                ("methods",),
                f"no text for {len(missing)} method(s): {', '.join(missing)}",
                "add each with its summary; until then the parents' pages in this language leave them out",
                WARNING,
            )
        )
    return found, problems + checker.problems


class _FileChecker:
    def __init__(self, path: Path, lang: str, lines: dict[tuple, int], today: dt.date) -> None:
        self.path, self.lang, self.lines, self.today = path, lang, lines, today
        self.problems: list[Problem] = []

    def problem(self, where: tuple, message: str, fix: str, severity: str = "error") -> Problem:
        line = next((self.lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in self.lines), 1)
        return Problem(str(self.path), line, field_name(where), message, fix, severity)

    def schema_problem(self, error: jsonschema.ValidationError) -> Problem:
        where = tuple(error.absolute_path)
        if error.validator == "required":
            missing = next((key for key in error.validator_value if key not in error.instance), "")
            fixes = {
                "reviewed_by_native": "add `reviewed_by_native: false` (an editor sets it when a native speaker has"
                " checked the text)",
                "native_review": "add `native_review: {by: NAME, date: YYYY-MM-DD}`",
            }
            return self.problem((*where, missing), "required", fixes.get(missing, f"add `{missing}:`"))
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = next((key for key in error.instance if key not in allowed), "")
            return self.problem((*where, extra), "unknown field", f"allowed here: {', '.join(allowed)}")
        if error.validator == "enum":
            return self.problem(
                where, f"'{error.instance}' is not this file's language", f"write `language: {self.lang}`"
            )
        if error.validator == "pattern":
            return self.problem(where, f"'{error.instance}' is not a date", 'write it as "YYYY-MM-DD"')
        if error.validator == "minLength":
            return self.problem(where, "is empty", "write the reviewer's name")
        if error.validator == "type":
            wanted = {"string": "text", "object": "a group of fields", "boolean": "true or false"}
            return self.problem(where, f"must be {wanted.get(error.validator_value, error.validator_value)}", "")
        return self.problem(where, error.message, "see CONTRIBUTING.md")

    def text(self, method_id: str, entry: Any, method_ids: set[str]) -> ParentText | None:
        where = ("methods", method_id)
        if method_id not in method_ids:
            self.problems.append(
                self.problem(where, f"unknown method '{method_id}'", "use a file name from content/en/", WARNING)
            )
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("summary"), str):
            return None
        summary = " ".join(entry["summary"].split())
        if not summary:
            self.problems.append(self.problem((*where, "summary"), "is empty", "write the parent summary"))
            return None
        review = self._review(where, entry)
        if review is False:
            return None
        return ParentText(lang=self.lang, summary=summary, review=review)

    def _review(self, where: tuple, entry: dict[str, Any]) -> NativeReview | None | bool:
        """The recorded review; None when there is none; False (and a problem) when the record is wrong."""
        flag, record = entry.get("reviewed_by_native"), entry.get("native_review")
        if not isinstance(flag, bool):
            return False
        if flag and not isinstance(record, dict):
            self.problems.append(
                self.problem(
                    (*where, "reviewed_by_native"),
                    "a review needs who and when",
                    "add `native_review: {by: NAME, date: YYYY-MM-DD}`",
                )
            )
            return False
        if not flag:
            if record is not None:
                self.problems.append(
                    self.problem(
                        (*where, "native_review"),
                        "recorded, but reviewed_by_native is false",
                        "set `reviewed_by_native: true`, or delete native_review",
                    )
                )
                return False
            return None
        by, date = record.get("by"), record.get("date")
        if not isinstance(by, str) or not by.strip() or not isinstance(date, str) or not re.match(DATE, date):
            return False  # the schema has said what is wrong
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            self.problems.append(
                self.problem((*where, "native_review", "date"), f"'{date}' is not a real date", "check month and day")
            )
            return False
        if day > self.today:
            self.problems.append(
                self.problem((*where, "native_review", "date"), f"{date} is in the future", "write the review's date")
            )
            return False
        return NativeReview(by=by.strip(), date=day)
