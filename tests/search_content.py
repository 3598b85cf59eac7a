"""Small content folders for the search tests: a few methods written as an editor would write them."""

from __future__ import annotations

from pathlib import Path

import yaml

FACTS = ("kind", "evidence", "age", "need", "sectors", "topics", "format", "languages", "sources")

METHODS = {
    "family-support": {
        "facts": {
            "evidence": {
                "level": "effective",
                "ratings": [
                    {
                        "registry": "kasvun-tuki",
                        "rating": "4/5",
                        "url": "https://itla.fi/menetelmapankki/example",
                        "checked": "2026-01-10",
                        "date": "2025-03-24",
                    }
                ],
            },
            "age": {"from": 3, "to": 6},
            "need": ["universal"],
            "sectors": ["child_health"],
            "topics": ["parenting_skills"],
            "format": ["group"],
            "languages": ["sv", "fi"],
        },
        "en": (
            "Parenting support for families",
            "Group support for parents of young children.",
            "Parents meet in small groups and practise everyday parenting.",
        ),
        "sv": (
            "Föräldraskapsstöd för familjer",
            "Gruppstöd för föräldrar till små barn.",
            "Föräldrarna träffas i små grupper och övar föräldraskap i vardagen.",
        ),
        "fi": (
            "Vanhemmuustaidot lapsiperheissä",
            "Ryhmätukea pienten lasten vanhemmille.",
            "Vanhemmat tapaavat pienissä ryhmissä ja harjoittelevat arjen vanhemmuutta.",
        ),
    },
    "incredible": {
        "facts": {
            "evidence": {"level": "not_rated"},
            "age": {"from": 3, "to": 12},
            "need": ["indicated"],
            "sectors": ["social_services", "school"],
            "topics": ["behaviour_problems", "parenting_skills"],
            "format": ["group"],
            "languages": ["sv", "fi", "en"],
        },
        "en": (
            "Incredible Years",
            "A programme for parents of children with behaviour problems.",
            "Parents learn to play and set limits.",
        ),
        "sv": (
            "De otroliga åren",
            "Ett program för föräldrar till barn med beteendeproblem.",
            "Föräldrarna lär sig leka och sätta gränser.",
        ),
        "fi": (
            "Ihmeelliset vuodet",
            "Ohjelma vanhemmille, joiden lapsella on käytösongelmia.",
            "Vanhemmat oppivat leikkimään ja asettamaan rajoja.",
        ),
    },
    "separation": {
        "facts": {
            "evidence": {"level": "not_rated"},
            "age": {"from": 4, "to": 17},
            "need": ["selective"],
            "sectors": ["ngo_parish"],
            "topics": ["separation_conflict"],
            "format": ["group", "digital"],
            "languages": ["fi"],
        },
        "en": (
            "Open talks after a break-up",
            "Support for parents and children when the parents split up.",
            "Groups meet online or face to face.",
        ),
        "sv": (
            "Öppna samtal efter ett uppbrott",
            "Stöd till föräldrar och barn när föräldrarna går isär.",
            "Grupperna träffas på nätet eller på plats.",
        ),
        "fi": (
            "Avoimet keskustelut",
            "Tukea vanhemmille ja lapsille, kun vanhemmat muuttavat erilleen.",
            "Ryhmät kokoontuvat verkossa tai paikan päällä.",
        ),
    },
    "zone": {
        "facts": {
            "evidence": {"level": "not_rated"},
            "age": {"from": 13, "to": 17},
            "need": ["universal"],
            "sectors": ["school"],
            "topics": ["bullying"],
            "format": ["setting_wide"],
            "languages": ["sv"],
        },
        "en": (
            "Zone against bullying",
            "A whole-school programme against bullying.",
            "Teachers and pupils work together.",
        ),
        "sv": (
            "Zonen mot mobbning",
            "Ett program för hela skolan mot mobbning.",
            "Lärare och elever arbetar tillsammans.",
        ),
        "fi": (
            "Vyöhyke kiusaamista vastaan",
            "Koko koulun ohjelma kiusaamista vastaan.",
            "Opettajat ja oppilaat tekevät yhteistyötä.",
        ),
    },
    "meadow": {
        "facts": {
            "evidence": {"level": "not_rated"},
            "age": {"from": 0, "to": 2},
            "need": ["universal"],
            "sectors": ["open_preschool"],
            "topics": ["social_network"],
            "format": ["group"],
            "languages": ["sv"],
        },
        "en": (
            "Meadow play group",
            "An open play group for babies and toddlers with their parents.",
            "Drop in with your child.",
        ),
        "sv": (
            "Ängsbacken lekgrupp",
            "En öppen lekgrupp för bebisar och småbarn med sina föräldrar.",
            "Kom förbi med ditt barn.",
        ),
        "fi": (
            "Niityn leikkiryhmä",
            "Avoin leikkiryhmä vauvoille ja taaperoille vanhempiensa kanssa.",
            "Tule käymään lapsesi kanssa.",
        ),
    },
    "quiet-nights": {
        "facts": {
            "evidence": {"level": "not_rated"},
            "age": {"from": 0, "to": 1, "prenatal": True},
            "need": ["universal"],
            "sectors": ["maternity_care"],
            "topics": ["transition_to_parenthood"],
            "format": ["home_visit"],
            "languages": ["en"],
        },
        "en": (
            "Quiet Nights sleep coaching",
            "Home visits on sleep for parents expecting or with a newborn.",
            "A nurse visits at home.",
        ),
    },
}
"""Six methods: compounds in sv and fi, names in three languages, å/ä/ö titles, one only in English."""

SYNONYMS = {
    "en": "tantrum, behaviour problems, acting out\n",
    "sv": "utbrott, beteendeproblem\n",
    "fi": "uhma, käytösongelma\nero, erota, muuttaa erilleen\n",
}


def write_method(content_dir: Path, method_id: str, spec: dict) -> None:
    for lang in ("en", "sv", "fi"):
        if lang not in spec:
            continue
        title, summary, body = spec[lang]
        front = {
            "title": title,
            "summary": summary,
            "parent_summary": "You meet other parents. You talk about your child.",
            "reviewed": "2026-01-15" if lang != "fi" else "2026-02-01",
        }
        if lang == "en":
            front["kind"] = "programme"
            front.update(spec["facts"])
            front["sources"] = [{"url": "https://example.com/source"}]
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
        (content_dir / lang / f"{method_id}.md").write_text(text, encoding="utf-8")


def write_content(content_dir: Path, methods: dict | None = None, synonyms: dict | None = None) -> Path:
    for method_id, spec in (METHODS if methods is None else methods).items():
        write_method(content_dir, method_id, spec)
    (content_dir / "synonyms").mkdir(exist_ok=True)
    for lang, text in (SYNONYMS if synonyms is None else synonyms).items():
        (content_dir / "synonyms" / f"{lang}.txt").write_text(text, encoding="utf-8")
    return content_dir
