"""Match and score a query over the index's postings, with BM25F, in plain dicts.

Whoosh's matcher tree scores one document at a time through several layers of Python objects; for the
queries this site builds (words OR-ed over a few fields, AND-ed together) reading each term's postings
once, caching its scores per generation and combining dicts is several times faster, and every match is
needed anyway for the facet counts. Phrases and prefixes still go through Whoosh's matchers.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from whoosh import query as wq

K1, B = 1.2, 0.75
"""BM25 parameters (Whoosh's defaults)."""

CACHED_TERMS = 20_000


class Scorer:
    """BM25F scores of the documents of one opened generation (not thread-safe: callers hold its lock)."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.doc_count = self.reader.doc_count_all()
        self._lengths: dict[str, list[int]] = {}
        self._average: dict[str, float] = {}
        self._terms: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()

    def _field_lengths(self, fieldname: str) -> tuple[list[int], float]:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            length_of = self.reader.doc_field_length
            lengths = self._lengths[fieldname] = [length_of(d, fieldname, 0) for d in range(self.doc_count)]
            self._average[fieldname] = self.searcher.avg_field_length(fieldname) or 1.0
        return lengths, self._average[fieldname]

    def term(self, fieldname: str, text: str) -> dict[int, float]:
        """docnum → BM25 score of one term in one field; cached. (Whoosh stores term frequencies already
        multiplied by the field's boost, so boosted fields saturate later, as in BM25F.)"""
        key = (fieldname, text)
        scores = self._terms.get(key)
        if scores is not None:
            self._terms.move_to_end(key)
            return scores
        scores = {}
        if fieldname in self.schema and (fieldname, text) in self.reader:
            frequency = self.reader.doc_frequency(fieldname, text)
            idf = math.log(1 + (self.doc_count - frequency + 0.5) / (frequency + 0.5))
            weight = idf
            lengths, average = self._field_lengths(fieldname)
            matcher = self.reader.postings(fieldname, text)
            while matcher.is_active():
                docnum = matcher.id()
                tf = matcher.weight()
                norm = K1 * ((1 - B) + B * lengths[docnum] / average)
                scores[docnum] = weight * tf * (K1 + 1) / (tf + norm)
                matcher.next()
        self._terms[key] = scores
        if len(self._terms) > CACHED_TERMS:
            self._terms.popitem(last=False)
        return scores

    def scores(self, query: wq.Query) -> dict[int, float]:
        """docnum → score of every document matching `query`."""
        if isinstance(query, wq.Term):
            scores = self.term(query.fieldname, query.text)
            return {d: s * query.boost for d, s in scores.items()} if query.boost != 1.0 else scores
        if isinstance(query, wq.Or):
            merged: dict[int, float] = {}
            for child in query.subqueries:
                for docnum, score in self.scores(child).items():
                    merged[docnum] = merged.get(docnum, 0.0) + score
            return _boosted(merged, query.boost)
        if isinstance(query, wq.And):
            parts = sorted((self.scores(child) for child in query.subqueries), key=len)
            if not parts:
                return {}
            first, rest = parts[0], parts[1:]
            merged = {}
            for docnum, score in first.items():
                total = score
                for part in rest:
                    other = part.get(docnum)
                    if other is None:
                        break
                    total += other
                else:
                    merged[docnum] = total
            return _boosted(merged, query.boost)
        if isinstance(query, wq.Every):
            return dict.fromkeys(range(self.doc_count), 0.0)
        return self._whoosh(query)

    def _whoosh(self, query: wq.Query) -> dict[int, float]:
        scores = {}
        matcher = query.matcher(self.searcher, self.searcher.context())
        while matcher.is_active():
            scores[matcher.id()] = matcher.score()
            matcher.next()
        return scores


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    return scores if boost == 1.0 else {d: s * boost for d, s in scores.items()}
