"""The index's fields: per-language text fields with their language's analysis, and names for every language.

Boosts: a method's title and aliases above its summaries above its body. The schema (with the analysis
objects) is pickled into each index generation, so it only refers to `search.analysis`.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from catalogue.content import LANGUAGES

from .analysis import LanguageTerms, language_analyzer, names_analyzer

BOOSTS = {"head": 4.0, "summary": 2.0, "body": 1.0}
"""head: title and aliases in the text's language; summary: summary and parent summary; body: the rest."""

NAMES_BOOST = 3.0
"""All names of the method in every language, unstemmed."""

TOPIC_FIELD = "topic"
"""The method's topics (taxonomy ids): what an everyday word read as a topic matches (`search.concepts`)."""

TEXT_PARTS = tuple(BOOSTS)
PHRASE_PARTS = ("head",)
"""Fields that keep word positions for quoted phrases; summaries and bodies do not (a faster build)."""


def field(part: str, lang: str) -> str:
    return f"{part}_{lang}"


def build_schema(swedish_lexicon: Iterable[str], swedish_compounds: dict[str, tuple[str, ...]] | None = None) -> Schema:
    fields = {
        "key": ID(stored=True, unique=True, sortable=True),
        "names": TEXT(analyzer=names_analyzer(), field_boost=NAMES_BOOST, phrase=True),
        "stored": STORED(),
        TOPIC_FIELD: KEYWORD(scorable=True),
    }
    for lang in LANGUAGES:
        sv = lang == "sv"
        analyzer = language_analyzer(
            LanguageTerms(lang, swedish_lexicon if sv else (), swedish_compounds if sv else None)
        )
        for part, boost in BOOSTS.items():
            fields[field(part, lang)] = TEXT(analyzer=analyzer, field_boost=boost, phrase=part in PHRASE_PARTS)
    return Schema(**fields)


def language_terms(schema: Schema, lang: str) -> LanguageTerms:
    """The word-to-terms function the index was built with, for the query and the highlighter."""
    analyzer = schema[field("body", lang)].analyzer
    return next(item.language for item in analyzer.items if hasattr(item, "language"))
