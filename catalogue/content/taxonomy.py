"""The controlled vocabularies (`content/taxonomy.yaml`) and the rating-to-level mapping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from catalogue.content import LANGUAGES
from catalogue.content.documents import field_name, parse_yaml
from catalogue.content.problems import Problem
from catalogue.content.readability import MEASURES

VOCABULARIES = (
    "levels",
    "need",
    "sectors",
    "topics",
    "kinds",
    "formats",
    "languages",
    "age_bands",
    "countries",
    "professions",
    "family_costs",
    "registries",
    "outcomes",
)
"""Every vocabulary in the taxonomy file; each term has a label and a description per language."""


class TaxonomyError(Exception):
    """The taxonomy or the checks' settings are broken: nothing can be checked without them.

    `problems` are `path:line: field: problem (fix)` lines, as for method files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Taxonomy:
    terms: dict[str, dict[str, dict[str, Any]]]
    rating_map: dict[str, dict[str, str]]
    nordic_registries: tuple[str, ...] = ()
    """Registries whose rating counts first, in this order (`rating_order.nordic`)."""

    def __getitem__(self, vocabulary: str) -> dict[str, dict[str, Any]]:
        return self.terms[vocabulary]

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        entry = self.terms[vocabulary].get(term)
        return entry["label"][lang] if entry else term

    def description(self, vocabulary: str, term: str, lang: str) -> str:
        entry = self.terms[vocabulary].get(term)
        return entry["description"][lang] if entry else ""

    def registry_language(self, registry: str) -> str:
        """The language a registry writes its rating labels in (`language` in the taxonomy; English if unsaid)."""
        return self.terms["registries"].get(registry, {}).get("language", "en")

    def level_of(self, registry: str, rating: str) -> str | None:
        """The level a registry's published rating gives, or None when the table has no entry."""
        table = self.rating_map.get(registry, {})
        wanted = rating.strip().casefold()
        return next((level for text, level in table.items() if text.casefold() == wanted), None)

    @property
    def level_order(self) -> list[str]:
        """Levels strongest first, as listed in the file."""
        return list(self.terms["levels"])

    def age_bands_for(self, age_from: int, age_to: int, prenatal: bool) -> list[str]:
        """The age bands a method's age range touches."""
        bands = []
        for band, entry in self.terms["age_bands"].items():
            if entry.get("prenatal"):
                if prenatal:
                    bands.append(band)
            elif age_from <= entry["to"] and age_to >= entry["from"]:
                bands.append(band)
        return bands


def _texts(what: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(LANGUAGES),
        "additionalProperties": False,
        "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
        "description": what,
    }


TERM_EXTRAS: dict[str, dict[str, Any]] = {
    "sectors": {"family_centre_partner": {"type": "boolean"}},
    "age_bands": {
        "from": {"type": "integer", "minimum": 0},
        "to": {"type": "integer", "minimum": 0},
        "prenatal": {"type": "boolean"},
    },
    "registries": {
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"},
        "language": {"enum": ["sv", "fi", "en", "no", "da"]},
    },
}
"""Fields a term may have besides its label and description, per vocabulary."""


def taxonomy_schema() -> dict[str, Any]:
    def vocabulary(name: str) -> dict[str, Any]:
        term = {
            "type": "object",
            "required": ["label", "description"],
            "additionalProperties": False,
            "properties": {
                "label": _texts("the term's name"),
                "description": _texts("one line"),
                **TERM_EXTRAS.get(name, {}),
            },
        }
        return {"type": "object", "minProperties": 1, "additionalProperties": term}

    return {
        "type": "object",
        "required": list(VOCABULARIES),
        "additionalProperties": False,
        "properties": {
            **{name: vocabulary(name) for name in VOCABULARIES},
            "rating_order": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"nordic": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
            },
            "rating_map": {
                "type": "object",
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
    }


CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "readability": {
            "type": "object",
            "propertyNames": {"enum": list(LANGUAGES)},
            "additionalProperties": {
                "type": "object",
                "required": ["measure", "max"],
                "additionalProperties": False,
                "properties": {"measure": {"enum": list(MEASURES)}, "max": {"type": "number", "minimum": 0}},
            },
        },
        "parent_summary": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "max_sentences": {"type": "integer", "minimum": 1},
                "max_chars": {"type": "integer", "minimum": 1},
            },
        },
        "file": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"max_bytes": {"type": "integer", "minimum": 1000}},
        },
    },
}
"""`content/config.yaml`: a typo is a problem with its line, never a KeyError or a check silently off."""


def read_checked(path: Path, schema: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A YAML file checked against a JSON Schema: its data ({} when unreadable) and its problems, with lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Problem(str(path), 1, "file", f"cannot be read: {exc}", "check that it exists and is UTF-8")]
    data, lines, problems = parse_yaml(text, str(path))
    if problems or data is None:
        return {}, problems
    data = data or {}

    def line_of(where: tuple) -> int:
        while where and where not in lines:
            where = where[:-1]
        return lines.get(where, 1)

    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    known = ", ".join(sorted(allowed))
                    problems.append(
                        Problem(
                            str(path),
                            line_of((*where, key)),
                            field_name((*where, key)),
                            "unknown field",
                            f"check the spelling; allowed here: {known}",
                        )
                    )
            continue
        if error.validator == "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            message, fix = f"'{error.instance}' is not allowed", f"use one of: {options}"
        elif error.validator == "propertyNames":
            message, fix = f"'{error.instance}' is not allowed here", "check the spelling"
            where = (*where, error.instance)
        elif error.validator == "required":
            missing = next((k for k in error.validator_value if k not in error.instance), "")
            message, fix = f"`{missing}` is missing", f"add `{missing}:`"
        else:
            message, fix = error.message, "see the comments at the top of the file"
        problems.append(Problem(str(path), line_of(where), field_name(where) or "file", message, fix))
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "file", "must be a mapping", "write `name: value` lines"))
        data = {}
    return data, problems


def load_taxonomy(content_dir: Path) -> Taxonomy:
    """`content/taxonomy.yaml`, checked; raises TaxonomyError with every problem."""
    path = content_dir / "taxonomy.yaml"
    data, problems = read_checked(path, taxonomy_schema())
    if not problems:
        problems = _cross_checks(path, data)
    if problems:
        raise TaxonomyError(problems)
    terms = {vocabulary: {str(term): entry for term, entry in data[vocabulary].items()} for vocabulary in VOCABULARIES}
    rating_map = {str(reg): {str(k): str(v) for k, v in table.items()} for reg, table in data["rating_map"].items()}
    nordic = tuple((data.get("rating_order") or {}).get("nordic") or ())
    return Taxonomy(terms=terms, rating_map=rating_map, nordic_registries=nordic)


def _cross_checks(path: Path, data: dict[str, Any]) -> list[Problem]:
    """What a schema cannot say: names that must point at terms listed elsewhere in the file."""
    problems = []
    registries, levels = data["registries"], data["levels"]
    for registry, table in (data.get("rating_map") or {}).items():
        if registry not in registries:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"rating_map.{registry}",
                    "not a registry listed under `registries`",
                    "add the registry first, or check the spelling",
                )
            )
        for rating, level in table.items():
            if level not in levels:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        f"rating_map.{registry}.{rating}",
                        f"'{level}' is not a level",
                        f"use one of: {', '.join(levels)}",
                    )
                )
    for registry in (data.get("rating_order") or {}).get("nordic") or ():
        if registry not in registries:
            problems.append(
                Problem(
                    str(path),
                    1,
                    "rating_order.nordic",
                    f"'{registry}' is not listed under `registries`",
                    "check the spelling",
                )
            )
    return problems


def load_config(content_dir: Path) -> dict[str, Any]:
    """The checks' settings (`content/config.yaml`), checked; an absent file means the defaults."""
    path = content_dir / "config.yaml"
    if not path.exists():
        return {}
    data, problems = read_checked(path, CONFIG_SCHEMA)
    if problems:
        raise TaxonomyError(problems)
    return data
