"""Facets and filters over the documents of one index generation, as document sets (`bitmask`: an int with a
byte per document) built once when it opens.

Semantics: several values in one facet are OR, facets are AND; a facet's own counts ignore its own
selection (so a reader sees how many more she would get by ticking another box), and count over every
match of the query, not just the page shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, count, repeat
from typing import Any

from catalogue.content.taxonomy import Taxonomy


def is_whole_number(text: str) -> bool:
    """ASCII digits only: `str.isdigit()` also accepts "²" and other digits `int()` refuses."""
    return text.isascii() and text.isdigit()


FACETS = {
    "evidence": "levels",
    "age": "age_bands",
    "need": "need",
    "sector": "sectors",
    "topic": "topics",
    "outcome": "outcomes",
    "format": "formats",
    "language": "languages",
    "training": "countries",
    "family_cost": "family_costs",
}
"""Facet name (as in URLs and SearchRequest) → the taxonomy vocabulary of its values. `training` also takes a
language in a country (`training_in`): "sv-FI" is training in Swedish in Finland. `outcome` selects the methods with
a favourable effect shown in a domain (`outcomes.shown`), e.g. `outcome=parental_depression`."""

RECORD_KEYS = {"evidence": "evidence", "age": "age_band"}
"""Where a facet's values are in a document record, when not under the facet's own name."""

_consume = deque(maxlen=0).extend
"""Runs an iterator to its end, in C."""

AGES = range(0, 26)
"""Whole years a reader may ask for (`age=3`): a year selects the methods whose age range covers it."""


def training_in(country: str, language: str | None = None) -> str:
    """A `training` facet value: the country ("FI"), or a language of training in it ("sv-FI")."""
    return f"{language}-{country}" if language else country


def facet_vocabulary(taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Every facet's values in the taxonomy's order (evidence strongest first); for `training`, each country
    followed by each language of training in it."""
    vocabulary = {facet: list(taxonomy[name]) for facet, name in FACETS.items()}
    vocabulary["training"] = [
        value
        for country in taxonomy["countries"]
        for value in (training_in(country), *(training_in(country, lang) for lang in taxonomy["languages"]))
    ]
    return vocabulary


def bitmask(positions: Iterable[int], size: int) -> int:
    """A set of documents as an int with one byte per document: bit 8·i is set for each i in `positions`. (A
    byte each, not a bit, so that making one and reading one run in C; AND, OR and `bit_count` work as usual.)"""
    flags = bytearray(size)
    _consume(map(flags.__setitem__, positions, repeat(1)))
    return int.from_bytes(flags, "little")


def flags(mask: int, size: int) -> bytes:
    """Per document of `mask`'s `size` documents: 1 if it is in the set, else 0."""
    return mask.to_bytes(size, "little")


def positions(mask: int) -> list[int]:
    """The documents in `mask`, in increasing order."""
    return list(compress(count(), mask.to_bytes((mask.bit_length() + 7) // 8, "little")))


class FacetTable:
    """Which documents carry which facet value, which serve which site language, which cover which age."""

    def __init__(self, records: Sequence[dict[str, Any]], vocabulary: dict[str, list[str]]) -> None:
        size = len(records)
        self.size = size
        self.vocabulary = vocabulary
        self.all = bitmask(range(size), size)
        members: dict[str, dict[str, list[int]]] = {
            facet: {v: [] for v in values} for facet, values in vocabulary.items()
        }
        by_ui: dict[str, list[int]] = {}
        by_year: dict[int, list[int]] = {year: [] for year in AGES}
        for docnum, record in enumerate(records):
            by_ui.setdefault(record["ui"], []).append(docnum)
            for facet in vocabulary:
                for value in record[RECORD_KEYS.get(facet, facet)]:
                    members[facet].setdefault(value, []).append(docnum)
            start, end, _prenatal = record["age"]
            for year in range(max(start, AGES.start), min(end, AGES.stop - 1) + 1):
                by_year[year].append(docnum)
        self.masks = {
            facet: {v: bitmask(docs, size) for v, docs in values.items()} for facet, values in members.items()
        }
        self.ui = {ui: bitmask(docs, size) for ui, docs in by_ui.items()}
        self.years = {year: bitmask(docs, size) for year, docs in by_year.items()}

    def selection(self, facet: str, values: Sequence[str]) -> int:
        """Documents with any of `values` in `facet` (for age, a value may also be a whole year)."""
        mask = 0
        for value in values:
            if facet == "age" and is_whole_number(value):
                mask |= self.years.get(int(value), 0)
            else:
                mask |= self.masks.get(facet, {}).get(value, 0)  # a generation built before the facet has none
        return mask

    def filter(self, selections: dict[str, int]) -> int:
        mask = self.all
        for selected in selections.values():
            mask &= selected
        return mask

    def counts(self, matched: int, selections: dict[str, int]) -> dict[str, dict[str, int]]:
        """Per facet and value, the matches that would be shown with that value (and the other facets) ticked."""
        result = {}
        for facet, values in self.masks.items():
            base = matched
            for other, selected in selections.items():
                if other != facet:
                    base &= selected
            result[facet] = {value: (base & mask).bit_count() for value, mask in values.items()}
        return result
