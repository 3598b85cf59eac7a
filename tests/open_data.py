"""A small catalogue for the open-data tests (API, exports, feed), written as an editor would write it.

- `family-support`: every optional fact (ratings, duration, references, website, contact), texts in en, sv
  and fi reviewed on different days, and a body that links to another method;
- `talk-group`: en and sv only (a Finnish reader gets the English text), from pregnancy, reviewed last;
- `school-zone`: en only, teenagers at school, reviewed first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from flask import Flask

import search
from catalogue.app import create_app
from catalogue.loading import load_catalogue

FACTS: dict[str, dict[str, Any]] = {
    "family-support": {
        "evidence": {
            "level": "effective",
            "ratings": [
                {
                    "registry": "kasvun-tuki",
                    "rating": "4/5",
                    "label": "Vahva dokumentoitu näyttö",
                    "url": "https://itla.fi/menetelmapankki/family-support",
                    "date": "2025-03-24",
                },
                {"registry": "ungsinn", "rating": "3", "url": "https://ungsinn.no/family-support", "date": "2024"},
            ],
        },
        "age": {"from": 3, "to": 6},
        "need": ["universal", "selective"],
        "sectors": ["child_health", "open_preschool"],
        "topics": ["parenting_skills", "behaviour_problems"],
        "format": ["group"],
        "languages": ["sv", "fi"],
        "duration": {"sessions": [8, 10], "session_minutes": 90, "weeks": 10},
        "website": "https://family-support.example.net/",
        "references": [
            {
                "title": "Virtanen A, Berg K. Parent groups in Nordic child health care",
                "year": 2021,
                "doi": "10.1111/cch.12345",
            },
            {"title": "Lund M. A follow-up of parent groups", "year": 2023, "url": "https://research.example.net/lund"},
        ],
        "sources": [{"url": "https://itla.fi/menetelmapankki/family-support", "title": "Itla: Family Support"}],
    },
    "talk-group": {
        "evidence": {"level": "not_rated"},
        "age": {"from": 0, "to": 1, "prenatal": True},
        "need": ["universal"],
        "sectors": ["maternity_care", "child_health"],
        "topics": ["transition_to_parenthood"],
        "format": ["group", "individual"],
        "sources": [{"url": "https://talk-group.example.net/about"}],
    },
    "school-zone": {
        "evidence": {"level": "not_rated"},
        "age": {"from": 13, "to": 17},
        "need": ["universal"],
        "sectors": ["school"],
        "topics": ["bullying"],
        "format": ["setting_wide"],
        "sources": [{"url": "https://school-zone.example.net/"}],
    },
}

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
    for method_id, texts in TEXTS.items():
        for lang, text in texts.items():
            front = {key: value for key, value in text.items() if key != "body"}
            if lang == "en":
                front |= FACTS[method_id]
            dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
            (content_dir / lang / f"{method_id}.md").write_text(f"---\n{dumped}---\n{text['body']}", encoding="utf-8")
    loaded = load_catalogue(content_dir)
    assert sorted(loaded.methods) == sorted(TEXTS), loaded.errors
    return content_dir


def open_data_app(content_dir: Path, index_dir: Path, **config: Any) -> Flask:
    """The site on `content_dir`, with a freshly built search index in `index_dir`."""
    search.build_index(load_catalogue(content_dir), index_dir)
    return create_app(
        {"CONTENT_DIR": content_dir, "INDEX_DIR": index_dir, "TESTING": True, "BASE_URL": "https://metoder.example.fi"}
        | config
    )
