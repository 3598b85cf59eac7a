"""A small catalogue for the open-data tests (API, exports, feed), written as an editor would write it.

The facts are the site tests' (tests/site_content.py); the texts are these.

- `family-support`: every optional fact (ratings, duration, references, website, contact), texts in en, sv
  and fi reviewed on different days, and a body that links to another method;
- `talk-group`: en and sv only (a Finnish reader gets the English text), from pregnancy, reviewed last;
- `school-zone`: en only, teenagers at school, reviewed first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from catalogue.build import build
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app

from .site_content import FACTS, write_instruments, write_method

TEXTS: dict[str, dict[str, dict[str, Any]]] = {
    "family-support": {
        "en": {
            "title": "Family Support Groups",
            "aliases": ["FSG"],
            "summary": "A group programme for parents of children aged 3 to 6, run at child health clinics.",
            "parent_summary": "You meet other parents in a small group. You talk about daily life with your child.",
            "reviewed": "2026-03-01",
            "training": "Two days of training for group leaders.",
            "contact": {"organisation": "Family Support Nordic", "email": "info@family-support.example.net"},
            "body": "## How it works\n\nParents meet weekly. It goes well with [Talk Group](talk-group.md).\n\n"
            "<script>alert('x')</script>\n",
        },
        "sv": {
            "title": "Familjestödsgrupper",
            "summary": "Ett gruppprogram för föräldrar till barn i åldern 3 till 6 år på barnavårdscentralen.",
            "parent_summary": "Du träffar andra föräldrar i en liten grupp. Ni pratar om vardagen med barnet.",
            "reviewed": "2026-02-01",
            "body": "## Så går det till\n\nFöräldrarna träffas varje vecka.\n",
        },
        "fi": {
            "title": "Perhetukiryhmät",
            "summary": "Ryhmäohjelma 3–6-vuotiaiden lasten vanhemmille lastenneuvolassa.",
            "parent_summary": "Tapaat muita vanhempia ryhmässä. Puhutte arjesta lapsen kanssa.",
            "reviewed": "2026-01-10",
            "body": "## Miten menetelmä toimii\n\nVanhemmat tapaavat viikoittain.\n",
        },
    },
    "talk-group": {
        "en": {
            "title": "Talk Group",
            "aliases": ["@home talks"],
            "summary": "Conversations in a group for expecting parents and parents of babies.",
            "parent_summary": "You talk with other new parents. A nurse leads the talks.",
            "reviewed": "2026-05-01",
            "body": "## How it works\n\nA nurse leads six talks.\n",
        },
        "sv": {
            "title": "Samtalsgrupp",
            "summary": "Samtal i grupp för blivande föräldrar och föräldrar till bebisar.",
            "parent_summary": "Du pratar med andra nya föräldrar. En sköterska leder samtalen.",
            "reviewed": "2026-04-01",
            "body": "## Så går det till\n\nEn sköterska leder sex samtal.\n",
        },
    },
    "school-zone": {
        "en": {
            "title": "School Zone",
            "summary": "A whole-school programme against bullying for pupils aged 13 to 17.",
            "parent_summary": "The whole school works against bullying. Your child learns to help others.",
            "reviewed": "2025-12-01",
            "body": "## How it works\n\nTeachers and pupils work together.\n",
        },
    },
}


def write_catalogue(content_dir: Path) -> Path:
    """The facts of the site tests' catalogue, with these texts (each language reviewed on its own day)."""
    write_instruments(content_dir)
    for method_id, texts in TEXTS.items():
        for lang, text in texts.items():
            front = {key: value for key, value in text.items() if key != "body"}
            if lang == "en":
                front |= FACTS[method_id]
            write_method(content_dir, method_id, lang, front, text["body"])
    loaded = load_catalogue(content_dir)
    assert sorted(loaded.methods) == sorted(TEXTS), loaded.errors
    return content_dir


def open_data_app(content_dir: Path, index_dir: Path, **config: Any) -> Flask:
    """The site on `content_dir`, with a freshly built search index in `index_dir`."""
    build(content_dir, index_dir)
    return create_app(
        {"CONTENT_DIR": content_dir, "INDEX_DIR": index_dir, "TESTING": True, "BASE_URL": "https://metoder.example.fi"}
        | config
    )
