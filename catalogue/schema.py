"""The front matter of a method file as a JSON Schema (draft 2020-12).

The schema is built from the taxonomy, so the allowed terms are listed once, in content.
`catalogue schema` writes it to `schema/method.schema.json` for editors' tools; a test checks the
committed file is current.
"""

from __future__ import annotations

from typing import Any

from .taxonomy import Taxonomy

TEXT_FIELDS = ("title", "aliases", "summary", "parent_summary", "reviewed", "training", "contact")
"""Written in each language; a translation that leaves one out inherits it from another language."""

FACT_FIELDS = (
    "evidence",
    "age",
    "need",
    "sectors",
    "topics",
    "format",
    "languages",
    "duration",
    "website",
    "references",
    "sources",
)
"""Language-neutral: written once (in the English file) and never different between languages."""

REQUIRED_TEXT = ("title", "summary", "parent_summary", "reviewed")
REQUIRED_FACTS = ("evidence", "age", "need", "sectors", "topics", "format", "sources")

DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL = r"^https?://[^\s/$.?#][^\s]*$"


def _text(title: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "title": title, "description": description, **extra}


def _terms(title: str, description: str, terms: list[str]) -> dict[str, Any]:
    return {
        "type": "array",
        "title": title,
        "description": description,
        "items": {"enum": terms},
        "minItems": 1,
        "uniqueItems": True,
    }


def _count(title: str, description: str) -> dict[str, Any]:
    number = {"type": "integer", "minimum": 1}
    return {
        "title": title,
        "description": description,
        "oneOf": [number, {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2}],
    }


def method_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    registries = list(taxonomy["registries"])
    rating = {
        "type": "object",
        "title": "Published rating",
        "description": "One registry's rating of the method, as the registry publishes it.",
        "additionalProperties": False,
        "required": ["registry", "rating", "url", "date"],
        "properties": {
            "registry": {"enum": registries, "title": "Registry", "description": "Who published the rating."},
            "rating": _text("Rating", 'The rating exactly as published, e.g. "4/5" or "Promising".'),
            "label": _text("Label", "The registry's own words for the rating, in its language."),
            "url": _text("Source", "The page where the rating is published.", pattern=URL),
            "date": _text(
                "Date",
                "When the registry published or last updated the rating (YYYY, YYYY-MM or YYYY-MM-DD);"
                " where the page gives no date, the year it was read.",
                pattern=PARTIAL_DATE,
            ),
            "note": {
                "title": "Note",
                "description": "What the rating covers, e.g. one version of the programme: English text, or the text"
                " in each language as `en`, `sv`, `fi`.",
                "oneOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["en"],
                        "properties": {
                            lang: _text(name, f"The note in {name}.")
                            for lang, name in (("en", "English"), ("sv", "Swedish"), ("fi", "Finnish"))
                        },
                    },
                ],
            },
        },
    }
    link = {
        "type": "object",
        "additionalProperties": False,
        "required": ["url"],
        "properties": {
            "title": _text("Title", "What the page is."),
            "url": _text("Address", "The page's full web address.", pattern=URL),
        },
    }
    properties: dict[str, Any] = {
        "title": _text("Title", "The method's name as professionals in this language use it."),
        "aliases": {
            "type": "array",
            "title": "Other names",
            "description": "Other names in any language, abbreviations and old names; all are searchable.",
            "items": {"type": "string", "minLength": 1},
            "uniqueItems": True,
        },
        "summary": _text("Summary", "For professionals: 2–3 sentences on what the method is, for whom and how."),
        "parent_summary": _text(
            "Summary for parents", "2–4 short plain sentences on what happens and what it can help with."
        ),
        "reviewed": _text(
            "Last reviewed", "The date this text was last checked against its sources (YYYY-MM-DD).", pattern=DATE
        ),
        "training": _text("Training", "What staff need: training, certification, supervision, materials, cost."),
        "contact": {
            "type": "object",
            "title": "Contact",
            "description": "Who to ask about training and use in the Nordic countries (organisational addresses only).",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "organisation": _text("Organisation", "The organisation that coordinates the method."),
                "url": _text("Web page", "The organisation's page for the method.", pattern=URL),
                "email": _text(
                    "E-mail", "A public organisational e-mail address.", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
                ),
            },
        },
        "evidence": {
            "type": "object",
            "title": "Evidence",
            "description": "Our evidence level, derived from the first published rating, and every published rating.",
            "additionalProperties": False,
            "required": ["level"],
            "properties": {
                "level": {
                    "enum": list(taxonomy["levels"]),
                    "title": "Evidence level",
                    "description": "Derived from the first rating through rating_map; not_rated when there is none.",
                },
                "ratings": {
                    "type": "array",
                    "title": "Published ratings",
                    "description": "Most relevant registry first: Kasvun tuki, then Ungsinn, then others.",
                    "items": rating,
                },
            },
        },
        "age": {
            "type": "object",
            "title": "Age",
            "description": "The children's ages in whole years, both ends included.",
            "additionalProperties": False,
            "required": ["from", "to"],
            "properties": {
                "from": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 25,
                    "title": "From",
                    "description": "Youngest age in years.",
                },
                "to": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 25,
                    "title": "To",
                    "description": "Oldest age in years.",
                },
                "prenatal": {
                    "type": "boolean",
                    "title": "Starts in pregnancy",
                    "description": "True when the method starts before birth.",
                },
            },
        },
        "need": _terms("Level of need", "universal, selective or indicated prevention.", list(taxonomy["need"])),
        "sectors": _terms("Sectors", "Where the method is delivered.", list(taxonomy["sectors"])),
        "topics": _terms("Topics", "What the method helps with.", list(taxonomy["topics"])),
        "format": _terms("Format", "How the method is delivered.", list(taxonomy["formats"])),
        "languages": _terms("Delivery languages", "Languages the method is delivered in.", list(taxonomy["languages"])),
        "duration": {
            "type": "object",
            "title": "Duration",
            "description": "How long the method takes; each a number or [lowest, highest].",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "sessions": _count("Sessions", "Number of sessions or meetings."),
                "session_minutes": _count("Session length", "Length of one session in minutes."),
                "weeks": _count("Weeks", "How many weeks the whole method lasts."),
            },
        },
        "website": _text("Website", "The method's own web site.", pattern=URL),
        "references": {
            "type": "array",
            "title": "References",
            "description": "Key studies, each with a DOI or a URL.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "year"],
                "anyOf": [{"required": ["doi"]}, {"required": ["url"]}],
                "properties": {
                    "title": _text("Title", "The study's title with its authors."),
                    "year": {
                        "type": "integer",
                        "minimum": 1900,
                        "maximum": 2100,
                        "title": "Year",
                        "description": "Year of publication.",
                    },
                    "doi": _text("DOI", "The DOI without https://doi.org/.", pattern=r"^10\.\d{4,9}/\S+$"),
                    "url": _text("URL", "Where the study can be read.", pattern=URL),
                },
            },
        },
        "sources": {
            "type": "array",
            "title": "Sources",
            "description": "The public pages the facts come from, so that a reviewer can check each fact.",
            "items": link,
            "minItems": 1,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/nordic-family-centres/method-catalogue/schema/method.schema.json",
        "title": "Method file front matter",
        "description": (
            "Generated by `catalogue schema` from the code and content/taxonomy.yaml; do not edit by hand. "
            "Facts (evidence, age, need, sectors, topics, format, languages, duration, website, references, "
            "sources) are written in the English file; the others in every language."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_TEXT),
        "properties": properties,
    }
