"""The front matter of a method file as a JSON Schema (draft 2020-12).

The schema is built from the taxonomy, so the allowed terms are listed once, in content.
`catalogue schema` writes it to `schema/method.schema.json` for editors' tools; a test checks the
committed file is current.
"""

from __future__ import annotations

from typing import Any

from catalogue.content import LANGUAGES
from catalogue.content.taxonomy import Taxonomy

TEXT_FIELDS = ("title", "aliases", "summary", "parent_summary", "reviewed", "training", "contact")
"""Written in each language; a translation that leaves one out inherits it from another language."""

FACT_FIELDS = (
    "kind",
    "evidence",
    "age",
    "need",
    "sectors",
    "topics",
    "format",
    "languages",
    "duration",
    "implementation",
    "website",
    "references",
    "sources",
    "outcomes",
    "follow_up",
)
"""Language-neutral: written once (in the English file) and never different between languages."""

REQUIRED_TEXT = ("title", "summary", "parent_summary", "reviewed")
REQUIRED_FACTS = ("kind", "evidence", "age", "need", "sectors", "topics", "format", "sources")

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


def texts_schema(title: str, description: str) -> dict[str, Any]:
    """A text written in every site language: `{en: …, sv: …, fi: …}`."""
    return {
        "type": "object",
        "title": title,
        "description": f"{description} In English, Swedish and Finnish: `en`, `sv`, `fi`.",
        "additionalProperties": False,
        "required": list(LANGUAGES),
        "properties": {lang: _text(lang, f"The text in {lang}.") for lang in LANGUAGES},
    }


STUDY_DESIGNS = ("rct", "quasi_experimental", "pre_post", "qualitative", "systematic_review")


def _count(title: str, description: str) -> dict[str, Any]:
    number = {"type": "integer", "minimum": 1}
    return {
        "title": title,
        "description": description,
        "oneOf": [number, {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2}],
    }


def method_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    registries = list(taxonomy["registries"])
    outcome_terms = list(taxonomy["outcomes"])
    source = _text("Source", "The public page that states these facts.", pattern=URL)
    pico = {
        "type": "object",
        "title": "What the review found",
        "description": "Who was studied, against what, what changed and how much, and the studies, as the registry"
        " or its review states them (PICO). Leave out what the source does not say: the card shows 'not stated'.",
        "additionalProperties": False,
        "required": ["source"],
        "properties": {
            "population": texts_schema("Population", "Who was studied: ages, risk, setting."),
            "comparison": texts_schema("Comparison", "Against what: usual care, a waiting list, another method."),
            "outcomes": _terms("Outcomes measured", "The outcome domains the studies measured.", outcome_terms),
            "effect": texts_schema("Effect", "The direction and size of the effect, as the source states it."),
            "studies": {
                "type": "object",
                "title": "Studies",
                "description": "The studies the review rests on, as the registry states them.",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "count": {
                        "type": "integer",
                        "minimum": 0,
                        "title": "Number of studies",
                        "description": "How many effect studies the review rests on.",
                    },
                    "designs": _terms(
                        "Designs",
                        "rct, quasi_experimental, pre_post, qualitative or systematic_review.",
                        list(STUDY_DESIGNS),
                    ),
                    "nordic": {
                        "type": "integer",
                        "minimum": 0,
                        "title": "Nordic studies",
                        "description": "How many of them were done in the Nordic countries.",
                    },
                },
            },
            "applicability": texts_schema(
                "Applicability", "The registry's own judgement of how well the findings apply here, if it gives one."
            ),
            "source": {**source, "description": "The page these facts were read from (usually the rating's page)."},
        },
    }
    rating = {
        "type": "object",
        "title": "Published rating",
        "description": "One registry's rating of the method, as the registry publishes it.",
        "additionalProperties": False,
        "required": ["registry", "rating", "url", "checked"],
        "properties": {
            "registry": {"enum": registries, "title": "Registry", "description": "Who published the rating."},
            "rating": _text("Rating", 'The rating exactly as published, e.g. "4/5" or "Promising".'),
            "label": _text("Label", "The registry's own words for the rating, in its language."),
            "url": _text("Source", "The page where the rating is published.", pattern=URL),
            "date": _text(
                "Date",
                "The date the registry gives for this rating, published or updated (YYYY, YYYY-MM or YYYY-MM-DD),"
                " as precisely as it states it; left out when the registry states no date. Never the day it was read.",
                pattern=PARTIAL_DATE,
            ),
            "checked": _text("Checked", "The day we read the registry's page (YYYY-MM-DD).", pattern=DATE),
            "version": _text("Review version", "The registry's version of the review, e.g. 2nd edition."),
            "scope": {
                "enum": ["described", "wider", "other_version"],
                "title": "Scope",
                "description": "What the rating covers: the version the card describes (the default), a wider"
                " programme family (e.g. the Triple P System), or another version.",
            },
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
            "pico": pico,
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
    organisations = {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["organisation"],
            "properties": {
                "organisation": _text("Organisation", "The organisation's name."),
                "url": _text("Web page", "The organisation's page for the method.", pattern=URL),
            },
        },
    }
    country = {
        "type": "object",
        "title": "One country",
        "description": "Who offers and who trains the method in this country.",
        "additionalProperties": False,
        "required": ["source"],
        "minProperties": 2,
        "properties": {
            "offered_by": {
                **organisations,
                "title": "Offered by",
                "description": "Who coordinates or offers the method to families.",
            },
            "trained_by": {**organisations, "title": "Trained by", "description": "Who trains staff to deliver it."},
            "training_languages": _terms(
                "Training languages", "Languages staff can be trained in here.", list(taxonomy["languages"])
            ),
            "source": source,
        },
    }
    provider_cost = {
        "type": "object",
        "additionalProperties": False,
        "required": ["item", "source"],
        "properties": {
            "item": {
                "enum": ["training", "licence", "manual", "materials", "certification", "supervision"],
                "title": "What is paid for",
                "description": "training, licence, manual, materials, certification or supervision.",
            },
            "amount": {"type": "number", "minimum": 0, "title": "Amount", "description": "The price as stated."},
            "currency": {
                "enum": ["EUR", "SEK", "NOK", "DKK", "USD", "GBP"],
                "title": "Currency",
                "description": "The currency of the amount.",
            },
            "per": _text("Per", "What the amount is per, e.g. person, group, organisation, year."),
            "year": {
                "type": "integer",
                "minimum": 1990,
                "maximum": 2100,
                "title": "Year",
                "description": "The year the price was stated.",
            },
            "source": source,
        },
        "dependentRequired": {"amount": ["currency", "year"]},
    }
    implementation = {
        "type": "object",
        "title": "Where to get it",
        "description": "Structured implementation facts, each with its source; leave out what no source states.",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "countries": {
                "type": "object",
                "title": "Countries",
                "description": "Per country (SE, FI, NO, DK): who offers and trains it, and in which languages.",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {code: country for code in taxonomy["countries"]},
            },
            "training": {
                "type": "object",
                "title": "Training",
                "description": "What staff training takes.",
                "additionalProperties": False,
                "required": ["source"],
                "minProperties": 2,
                "properties": {
                    "days": {
                        "type": "number",
                        "minimum": 0.5,
                        "title": "Days",
                        "description": "Length of the basic training in days.",
                    },
                    "hours": {
                        "type": "number",
                        "minimum": 1,
                        "title": "Hours",
                        "description": "Length of the basic training in hours (when stated in hours).",
                    },
                    "professions": _terms(
                        "Who may train", "Professions that may train to deliver it.", list(taxonomy["professions"])
                    ),
                    "certification": {
                        "type": "boolean",
                        "title": "Certification",
                        "description": "True when leaders must be certified.",
                    },
                    "supervision": {
                        "type": "boolean",
                        "title": "Supervision",
                        "description": "True when ongoing supervision is required.",
                    },
                    "source": source,
                },
            },
            "cost": {
                "type": "object",
                "title": "Cost",
                "description": "What the method costs families and providers.",
                "additionalProperties": False,
                "required": ["source"],
                "minProperties": 2,
                "properties": {
                    "families": {
                        "enum": list(taxonomy["family_costs"]),
                        "title": "Cost to families",
                        "description": "free, fee or varies.",
                    },
                    "provider": {
                        "type": "array",
                        "title": "Cost to the provider",
                        "description": "Licence, manual, training and other fees, each as stated by a source.",
                        "minItems": 1,
                        "items": provider_cost,
                    },
                    "source": source,
                },
            },
            "materials": {
                "type": "object",
                "title": "Materials",
                "description": "The languages the method's materials exist in.",
                "additionalProperties": False,
                "required": ["languages", "source"],
                "properties": {
                    "languages": _terms(
                        "Material languages", "Languages the materials exist in.", list(taxonomy["languages"])
                    ),
                    "source": source,
                },
            },
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
        "kind": {
            "enum": list(taxonomy["kinds"]),
            "title": "Kind",
            "description": "programme (manualised), practice (a way of working) or service (an open activity).",
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
                    "description": "In the order of `rating_order` in the taxonomy: Nordic registries first,"
                    " then the rating of the version described, then the most recent.",
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
        "implementation": implementation,
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
        "outcomes": {
            "type": "object",
            "title": "Outcomes",
            "description": "The outcome domains the method aims to change, and those where a source reports a"
            " favourable effect.",
            "additionalProperties": False,
            "required": ["targeted", "source"],
            "properties": {
                "targeted": _terms(
                    "Targeted", "Domains the method aims to change (from its description).", outcome_terms
                ),
                "shown": {
                    **_terms(
                        "Shown",
                        "Domains where a source reports a favourable effect; each also targeted.",
                        outcome_terms,
                    ),
                    "minItems": 0,
                },
                "source": source,
            },
        },
        "follow_up": {
            "type": "array",
            "title": "Follow-up",
            "description": "Instruments used to follow the method up in Nordic practice or in its studies.",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["instrument", "source"],
                "properties": {
                    "instrument": _text(
                        "Instrument",
                        "An instrument's id in content/instruments.yaml.",
                        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                    ),
                    "source": {**source, "description": "The page that says the method uses or used it."},
                },
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/nordic-family-centres/method-catalogue/schema/method.schema.json",
        "title": "Method file front matter",
        "description": (
            "Generated by `catalogue schema` from the code and content/taxonomy.yaml; do not edit by hand. "
            "Facts (kind, evidence, age, need, sectors, topics, format, languages, duration, implementation, "
            "website, references, sources, outcomes, follow_up) are written in the English file; the others in every language."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_TEXT),
        "properties": properties,
    }
