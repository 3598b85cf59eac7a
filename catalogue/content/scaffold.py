"""`catalogue new ID`: a new method in three languages, every field present and explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catalogue.content import FACTS_LANGUAGE, LANGUAGES

HEADINGS = {
    "en": ("How it works", "Who it is for", "Evidence", "Implementation"),
    "sv": ("Så går det till", "För vem", "Forskning och evidens", "Att införa metoden"),
    "fi": ("Miten menetelmä toimii", "Kenelle", "Tutkimusnäyttö", "Käyttöönotto"),
}
"""The body's headings in each language (CONTRIBUTING.md lists them for editors)."""

TEXTS = """\
# The method's name as professionals in this language use it.
title: {title}
# Other names in any language, abbreviations, old names: all are searchable. Delete if none.
aliases: []
# For professionals: 2-3 sentences on what the method is, for whom and how it is delivered.
summary: >-
  WRITE ME
# For parents: 2-4 short, plain sentences. What happens? What can it help with?
parent_summary: >-
  WRITE ME
# The date you last checked this text against its sources (YYYY-MM-DD).
reviewed: {today}
# What staff need: training, certification, supervision, materials, cost. Delete if unknown.
training: >-
  WRITE ME
# Who to ask about training and use (organisational addresses only). Delete what is unknown.
contact:
  organisation: WRITE ME
  url: https://example.org/
  email: info@example.org
"""

FACTS = """\
# ---- Language-neutral facts: only in the {facts} file; the other languages inherit them. ----
# Delete any fact you cannot source. Never guess.
# What it is, one of: {kinds} (programme: manualised; practice: a way of working; service: an open activity).
# kind:
evidence:
  # One of: {levels}. It must be the level the first rating gives (see rating_map in
  # content/taxonomy.yaml), or not_rated when no registry has published a rating.
  level: not_rated
  # Published ratings in the order of `rating_order` in content/taxonomy.yaml (Nordic registries first,
  # then the version described, then the newest). Delete the list if none.
  # Uncomment and fill in for each rating; set `level` to what the first one gives.
  # ratings:
  #   - registry: kasvun-tuki          # one of: {registries}
  #     rating: "4/5"                  # exactly as published
  #     url: https://example.org/page  # the page where it is published
  #     checked: "YYYY-MM-DD"          # the day you read that page
  #     date: "YYYY-MM-DD"             # the registry's own date for the rating; delete if it states none
# The children's ages in whole years; prenatal: true if the method starts in pregnancy.
age:
  from: 0
  to: 6
  prenatal: false
# Level of need, one or more of: {need}
need: [universal]
# Where it is delivered, from: {sectors}
sectors: [child_health]
# What it helps with, from: {topics}
topics: [parenting_skills]
# How it is delivered, from: {formats}
format: [group]
# Languages it is delivered in, from: {languages}
languages: [sv, fi]
# Sessions, minutes per session, weeks: a number or [lowest, highest]. Delete what is unknown.
duration:
  sessions: [6, 8]
  session_minutes: 120
  weeks: 8
# The method's own web site.
website: https://example.org/
# Key studies, each with a doi (without https://doi.org/) or a url.
references:
  - title: Author A, Author B. Title of the study
    year: 2020
    doi: 10.1000/example
# Every public page the facts above come from.
sources:
  - title: WRITE ME
    url: https://example.org/source
"""


def scaffold(content_dir: Path, method_id: str, taxonomy, today: dt.date | None = None) -> list[Path]:
    """Write the three files; refuses to overwrite an existing one."""
    today = today or dt.date.today()
    paths = [content_dir / lang / f"{method_id}.md" for lang in LANGUAGES]
    existing = [str(path) for path in paths if path.exists()]
    if existing:
        raise FileExistsError(", ".join(existing))
    terms = {
        name: ", ".join(taxonomy[vocab])
        for name, vocab in (
            ("kinds", "kinds"),
            ("levels", "levels"),
            ("registries", "registries"),
            ("need", "need"),
            ("sectors", "sectors"),
            ("topics", "topics"),
            ("formats", "formats"),
            ("languages", "languages"),
        )
    }
    for lang, path in zip(LANGUAGES, paths, strict=True):
        front = TEXTS.format(title=method_id.replace("-", " ").title(), today=today.isoformat())
        if lang == FACTS_LANGUAGE:
            front += FACTS.format(facts=FACTS_LANGUAGE, **terms)
        body = "\n".join(f"## {heading}\n\nWRITE ME\n" for heading in HEADINGS[lang])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return paths
