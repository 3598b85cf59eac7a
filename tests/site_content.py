"""A small catalogue for the site tests, written as an editor would write it.

- `family-support`: every optional fact (two ratings, duration, references with a DOI, website, contact),
  texts in en, sv and fi, a body that links to another method; Swedish title "Åtta steg";
- `talk-group`: en and sv only (a Finnish reader gets the English text), from pregnancy; "Ängsgruppen";
- `school-zone`: en only, teenagers at school.

The Swedish titles start with Å and Ä, whose order differs between Swedish (Å, Ä, Ö after Z) and code points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FACTS: dict[str, dict[str, Any]] = {
    "family-support": {
        "kind": "programme",
        "evidence": {
            "level": "effective",
            "ratings": [
                {
                    "registry": "kasvun-tuki",
                    "rating": "4/5",
                    "label": "Vahva dokumentoitu näyttö",
                    "url": "https://itla.fi/menetelmapankki/family-support",
                    "checked": "2026-01-10",
                    "date": "2025-03-24",
                    "pico": {
                        "population": {
                            "en": "Parents of children aged 3–6 with frequent conflicts at home (Finland).",
                            "sv": "Föräldrar till barn 3–6 år med täta konflikter hemma (Finland).",
                            "fi": "3–6-vuotiaiden lasten vanhemmat, joilla on usein riitoja kotona (Suomi).",
                        },
                        "outcomes": ["child_behaviour", "parental_depression"],
                        "effect": {
                            "en": "Fewer behaviour problems after the groups; no change in parenting stress.",
                            "sv": "Färre beteendeproblem efter grupperna; ingen förändring i föräldrastress.",
                            "fi": "Vähemmän käytösongelmia ryhmien jälkeen; ei muutosta vanhemmuuden stressissä.",
                        },
                        "studies": {"count": 2, "designs": ["rct", "quasi_experimental"], "nordic": 1},
                        "applicability": {
                            "en": "Applicability to Finland: strong.",
                            "sv": "Tillämpbarhet i Finland: stark.",
                            "fi": "Sovellettavuus Suomeen: vahva.",
                        },
                        "source": "https://itla.fi/menetelmapankki/family-support",
                    },
                },
                {
                    "registry": "ungsinn",
                    "rating": "3",
                    "url": "https://ungsinn.no/family-support",
                    "checked": "2026-01-10",
                    "date": "2024-05",
                },
            ],
        },
        "age": {"from": 3, "to": 6},
        "need": ["universal", "selective"],
        "sectors": ["child_health", "open_preschool"],
        "topics": ["parenting_skills", "behaviour_problems"],
        "format": ["group"],
        "languages": ["sv", "fi"],
        "duration": {"sessions": [8, 10], "session_minutes": 90, "weeks": 10},
        "implementation": {
            "countries": {
                "FI": {
                    "offered_by": [{"organisation": "Familjestöd rf", "url": "https://family-support.example.net/fi"}],
                    "training_languages": ["fi", "sv"],
                    "source": "https://family-support.example.net/fi",
                }
            },
            "training": {
                "days": 2,
                "professions": ["nurse"],
                "certification": True,
                "source": "https://t.example.net/",
            },
            "cost": {"families": "free", "source": "https://family-support.example.net/cost"},
            "materials": {"languages": ["en", "sv"], "source": "https://family-support.example.net/materials"},
        },
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
        "outcomes": {
            "targeted": ["child_behaviour", "parenting_stress", "parental_depression"],
            "shown": ["child_behaviour", "parental_depression"],
            "source": "https://itla.fi/menetelmapankki/family-support",
        },
        "follow_up": [{"instrument": "ecbi", "source": "https://family-support.example.net/follow-up"}],
    },
    "talk-group": {
        "kind": "practice",
        "evidence": {"level": "not_rated"},
        "age": {"from": 0, "to": 1, "prenatal": True},
        "need": ["universal"],
        "sectors": ["maternity_care", "child_health"],
        "topics": ["transition_to_parenthood"],
        "format": ["group", "individual"],
        "sources": [{"url": "https://talk-group.example.net/about"}],
    },
    "school-zone": {
        "kind": "programme",
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
            "summary": "Group sessions for parents of children aged 3–6 with frequent conflicts at home.",
            "parent_summary": "You meet other parents once a week. You try new ways to handle fights at home.",
            "training": "Leaders take a five-day course.",
            "contact": {"organisation": "Family Support Finland", "url": "https://family-support.example.net/contact"},
        },
        "sv": {
            "title": "Åtta steg",
            "summary": "Gruppträffar för föräldrar till barn 3–6 år som ofta bråkar hemma.",
            "parent_summary": "Du träffar andra föräldrar en gång i veckan. Ni provar nya sätt att lösa bråk hemma.",
        },
        "fi": {
            "title": "Perheryhmät",
            "summary": "Ryhmätapaamisia 3–6-vuotiaiden lasten vanhemmille, joilla on usein riitoja kotona.",
            "parent_summary": "Tapaat muita vanhempia kerran viikossa. Kokeilette uusia tapoja selvitä riidoista.",
        },
    },
    "talk-group": {
        "en": {
            "title": "Meadow Group",
            "summary": "Talks for expecting parents and parents of babies at the clinic.",
            "parent_summary": "You talk with other new parents about sleep, food and feelings.",
        },
        "sv": {
            "title": "Ängsgruppen",
            "summary": "Samtal för blivande föräldrar och föräldrar till spädbarn på mottagningen.",
            "parent_summary": "Du pratar med andra nyblivna föräldrar om sömn, mat och känslor.",
        },
    },
    "school-zone": {
        "en": {
            "title": "School Zone",
            "summary": "A whole-school programme against bullying.",
            "parent_summary": "The school works with pupils and staff so that no one is bullied.",
        },
    },
}

BODIES = {
    "en": "## How it works\n\nParents meet in groups. See also [Meadow Group](talk-group.md).\n",
    "sv": "## Så går det till\n\nFöräldrarna träffas i grupp. Se också [Ängsgruppen](talk-group.md).\n",
    "fi": "## Miten menetelmä toimii\n\nVanhemmat tapaavat ryhmissä.\n",
}

INSTRUMENTS = {
    "ecbi": {
        "name": "Eyberg Child Behavior Inventory (ECBI)",
        "measures": {
            "en": "How often a child shows behaviour problems.",
            "sv": "Hur ofta ett barn visar beteendeproblem.",
            "fi": "Kuinka usein lapsella on käytösongelmia.",
        },
        "licence": "licensed",
        "languages": ["en", "no"],
        "source": "https://instruments.example.net/ecbi",
    },
    "epds": {
        "name": "Edinburgh Postnatal Depression Scale (EPDS)",
        "measures": {
            "en": "Symptoms of depression after birth.",
            "sv": "Symtom på depression efter förlossning.",
            "fi": "Synnytyksen jälkeisen masennuksen oireet.",
        },
        "source": "https://instruments.example.net/epds",
    },
}
"""`content/instruments.yaml`: one named in a method's follow-up, one that no method names."""

REVIEWED = "2026-01-15"


def write_method(content_dir: Path, method_id: str, lang: str, fields: dict[str, Any], body: str) -> Path:
    path = content_dir / lang / f"{method_id}.md"
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def write_instruments(content_dir: Path) -> None:
    (content_dir / "instruments.yaml").write_text(yaml.safe_dump(INSTRUMENTS, allow_unicode=True), encoding="utf-8")


def write_catalogue(content_dir: Path) -> Path:
    """The three methods and the instruments into `content_dir` (from the `content_dir` fixture); returns it."""
    write_instruments(content_dir)
    for method_id, texts in TEXTS.items():
        for lang, text in texts.items():
            fields = {**text, "reviewed": REVIEWED}
            if lang == "en":
                fields.update(FACTS[method_id])
            write_method(content_dir, method_id, lang, fields, BODIES[lang])
    return content_dir
