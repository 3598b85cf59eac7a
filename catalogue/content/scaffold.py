"""`catalogue new ID`: a new method in three languages, every field present and explained, nothing filled in
that a source has not said (the texts say WRITE ME; the facts are commented out). `suggest_id` turns a title
into an id ("Älska, lyssna, lära" → alska-lyssna-lara)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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
title: WRITE ME
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
# contact:
#   organisation:
#   url:
#   email:
"""

FACTS = """\
# ---- Language-neutral facts: only in the {facts} file; the other languages inherit them. ----
# Nothing below is filled in for you: uncomment a field and write what a source says, or leave it out.
# Never guess. `catalogue validate` says which required fields are still missing.
#
# What it is (required), one of: {kinds}
#   programme: manualised; practice: a way of working; service: an open activity.
# kind:
#
# Evidence (required). level: one of {levels}; the level the first rating gives (rating_map in
# content/taxonomy.yaml), or not_rated when you have checked that no registry has published a rating.
# evidence:
#   level:
#   ratings:                          # in the order of rating_order in content/taxonomy.yaml
#     - registry:                     # one of: {registries}
#       rating: ""                    # exactly as published, quoted
#       url:                          # the page where it is published
#       checked: ""                   # the day you read that page, "YYYY-MM-DD"
#       date: ""                      # the registry's own date for it; delete if it states none
#
# The children's ages in whole years (required); prenatal: true if it starts in pregnancy.
# age:
#   from:
#   to:
#
# Level of need (required), one or more of: {need}
# need: []
# Where it is delivered (required), from: {sectors}
# sectors: []
# What it helps with (required), from: {topics}
# topics: []
# How it is delivered (required), from: {formats}
# format: []
# Languages it is delivered in, from: {languages}
# languages: []
# Sessions, minutes per session, weeks: a number or [lowest, highest].
# duration:
#   sessions:
#   session_minutes:
#   weeks:
# The method's own web site.
# website:
# Key studies, each with a doi (without https://doi.org/) or a url.
# references:
#   - title:
#     year:
#     doi:
# Where to get it: see CONTRIBUTING.md, `implementation`.
# Every public page the facts above come from (required).
# sources:
#   - title:
#     url:
"""


LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


def suggest_id(text: str) -> str:
    """A valid id from a title or a near-id: å, ä → a, ö, ø → o, é → e, ...; other characters become hyphens."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(LETTERS))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


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
        front = TEXTS.format(today=today.isoformat())
        if lang == FACTS_LANGUAGE:
            front += FACTS.format(facts=FACTS_LANGUAGE, **terms)
        body = "\n".join(f"## {heading}\n\nWRITE ME\n" for heading in HEADINGS[lang])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return paths
