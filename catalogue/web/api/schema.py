"""The API's objects, each declared once: a property's name, JSON Schema, description and how to read it.

A `Shape` both serialises a response object (`dump`) and describes it (`schema`), so the OpenAPI document
(`catalogue.web.api.openapi`) cannot drift from what the API sends: they are made from the same declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from catalogue.content import LANGUAGES

COMPONENTS = "#/components/schemas/"

STRING: dict[str, Any] = {"type": "string"}
TEXT_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}
URI: dict[str, Any] = {"type": "string", "format": "uri"}
URI_OR_NULL: dict[str, Any] = {"type": ["string", "null"], "format": "uri"}
DATE: dict[str, Any] = {"type": "string", "format": "date"}
INTEGER: dict[str, Any] = {"type": "integer"}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
BOOLEAN: dict[str, Any] = {"type": "boolean"}
LANGUAGE_CODE: dict[str, Any] = {"type": "string", "enum": list(LANGUAGES)}
"""One of the catalogue's languages."""
STRINGS: dict[str, Any] = {"type": "array", "items": STRING}


def array(items: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": dict(items)}


def or_null(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"anyOf": [dict(schema), {"type": "null"}]}


def map_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """An object whose keys are data (terms, facet values) and whose values all have one schema."""
    return {"type": "object", "additionalProperties": dict(values)}


def text_or_none(value: str) -> str | None:
    """Optional text: an empty string in the model is `null` in the API."""
    return value or None


@dataclass(frozen=True)
class Prop:
    name: str
    schema: Mapping[str, Any]
    description: str
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class Shape:
    """A JSON object of the API: every property always present (null when unknown), no others."""

    name: str
    description: str
    props: tuple[Prop, ...]

    def dump(self, source: Any) -> dict[str, Any]:
        return {prop.name: prop.get(source) for prop in self.props}

    def dump_or_none(self, source: Any) -> dict[str, Any] | None:
        return None if source is None else self.dump(source)

    @property
    def ref(self) -> dict[str, str]:
        return {"$ref": COMPONENTS + self.name}

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "description": self.description,
            "properties": {prop.name: {**prop.schema, "description": prop.description} for prop in self.props},
            "required": [prop.name for prop in self.props],
            "additionalProperties": False,
        }


def components(shapes: list[Shape]) -> dict[str, Any]:
    """The `components.schemas` of an OpenAPI document for these shapes."""
    return {shape.name: shape.schema() for shape in shapes}
