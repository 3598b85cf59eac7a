"""The editors' guide and the published schema stay true to the code and the taxonomy."""

from __future__ import annotations

import json
import re

from catalogue.content import LANGUAGES
from catalogue.content.schema import FACT_FIELDS, TEXT_FIELDS, method_schema
from catalogue.content.taxonomy import VOCABULARIES, load_taxonomy

from .conftest import CONTENT, ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def schema_fields(schema: dict, prefix: str = "") -> list[str]:
    """Every property path in the schema, e.g. evidence.ratings[].url."""
    names = []
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        names.append(path)
        if prop.get("type") == "object":
            names += schema_fields(prop, path + ".")
        items = prop.get("items")
        if isinstance(items, dict) and items.get("type") == "object":
            names += schema_fields(items, path + "[].")
    return names


def test_every_field_is_explained_in_the_guide():
    schema = method_schema(load_taxonomy(CONTENT))
    first_cells = re.findall(r"^\| ([^|]+) \|", GUIDE, flags=re.MULTILINE)
    documented = {name for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)}
    missing = [field for field in schema_fields(schema) if field not in documented]
    assert not missing, f"fields missing from CONTRIBUTING.md: {missing}"
    assert set(TEXT_FIELDS) | set(FACT_FIELDS) == set(schema["properties"])


def test_every_vocabulary_term_is_in_the_guide_with_labels_in_every_language():
    taxonomy = load_taxonomy(CONTENT)
    for vocabulary in VOCABULARIES:
        for term, entry in taxonomy[vocabulary].items():
            assert f"`{term}`" in GUIDE, f"{vocabulary}.{term} is missing from CONTRIBUTING.md"
            for lang in LANGUAGES:
                assert entry["label"][lang].strip(), f"{vocabulary}.{term} has no {lang} label"
                assert entry["description"][lang].strip(), f"{vocabulary}.{term} has no {lang} description"


def test_every_property_of_the_schema_has_a_title_and_description():
    def walk(node, path="$"):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("title") and prop.get("description"), f"{path}.{name} lacks a title or description"
                walk(prop, f"{path}.{name}")
            if isinstance(node.get("items"), dict):
                walk(node["items"], f"{path}[]")

    walk(method_schema(load_taxonomy(CONTENT)))


def test_the_published_schema_is_current():
    published = json.loads((ROOT / "schema" / "method.schema.json").read_text(encoding="utf-8"))
    assert published == method_schema(load_taxonomy(CONTENT)), "run `catalogue schema` and commit the result"
