"""Match and score a query over the index's postings, with BM25F, in plain dicts.

Whoosh's matcher tree scores one document at a time through several layers of Python objects; for the
queries this site builds (words OR-ed over a few fields, AND-ed together) reading each term's postings
once, caching its scores per generation and combining dicts is several times faster, and every match is
needed anyway for the facet counts. Phrases and prefixes still go through Whoosh's matchers.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from itertools import accumulate, islice, repeat
from operator import add, mul, truediv

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

K1, B = 1.2, 0.75
"""BM25 parameters (Whoosh's defaults)."""

CACHED_TERM_SCORES = 2_500_000
CACHED_QUERY_SCORES = 300_000
"""How many (document, score) entries a generation keeps in memory (about 70 bytes each), for terms (read from
the postings: the costly part) and for subqueries (combined from their terms); least recently used go first.
A catalogue of 3,000 documents never fills them; at 30,000 they hold the few thousand terms used last."""


class Shared(wq.Or):
    """An OR query that many searches share (a topic's everyday words: `query.TopicQuery`): its scores are kept
    for as long as the generation serves, outside the least-recently-used budget, which at 30,000 documents holds
    only a few of these large score dicts and would have them worked out again and again."""


class _Cache:
    """Score dicts by key, at most `budget` entries in all, least recently used dropped first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[object, dict[int, float]] = OrderedDict()

    def get(self, key: object) -> dict[int, float] | None:
        scores = self._items.get(key)
        if scores is not None:
            self._items.move_to_end(key)
        return scores

    def put(self, key: object, scores: dict[int, float]) -> dict[int, float]:
        self._items[key] = scores
        self.size += len(scores)
        while self.size > self.budget and len(self._items) > 1:
            self.size -= len(self._items.popitem(last=False)[1])
        return scores


class Scorer:
    """BM25F scores of the documents of one opened generation (not thread-safe: callers hold its lock)."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.doc_count = self.reader.doc_count_all()
        self._numbers = list(range(self.doc_count))
        self._norms_by_field: dict[str, list[float]] = {}
        self._terms = _Cache(CACHED_TERM_SCORES)
        self._queries = _Cache(CACHED_QUERY_SCORES)
        self._shared: dict[Shared, dict[int, float]] = {}

    def _norms(self, fieldname: str) -> list[float]:
        """Per document, BM25's length normalisation for the field (documents without it never match it)."""
        norms = self._norms_by_field.get(fieldname)
        if norms is None:
            average = self.searcher.avg_field_length(fieldname) or 1.0
            length_of = self.reader.doc_field_length
            lengths = [length_of(d, fieldname, 0) or 0 for d in range(self.doc_count)]
            norms = self._norms_by_field[fieldname] = [K1 * ((1 - B) + B * length / average) for length in lengths]
        return norms

    def term(self, fieldname: str, text: str) -> dict[int, float]:
        """docnum → BM25 score of one term in one field; cached. (Whoosh stores term frequencies already
        multiplied by the field's boost, so boosted fields saturate later, as in BM25F.)"""
        key = (fieldname, text)
        scores = self._terms.get(key)
        if scores is None:
            scores = self._terms.put(key, self._term(fieldname, text))
        return scores

    def scores(self, query: wq.Query) -> dict[int, float]:
        """docnum → score of every document matching `query`; cached, as its terms are (a word's query recurs:
        in a longer query, in the any-word fallback, as a compound's part)."""
        if isinstance(query, wq.Term) and query.boost == 1.0:
            return self.term(query.fieldname, query.text)
        if isinstance(query, Shared):
            scores = self._shared.get(query)
            if scores is None:
                scores = self._shared[query] = self._evaluate(query)
            return scores
        scores = self._queries.get(query)
        if scores is None:
            scores = self._queries.put(query, self._evaluate(query))
        return scores

    def _term(self, fieldname: str, text: str) -> dict[int, float]:
        scores: dict[int, float] = {}
        if fieldname in self.schema and (fieldname, text) in self.reader:
            frequency = self.reader.doc_frequency(fieldname, text)
            idf = math.log(1 + (self.doc_count - frequency + 0.5) / (frequency + 0.5))
            norms = self._norms(fieldname)
            for docnums, weights in _postings(self.reader, fieldname, text, self._numbers):
                # idf * tf * (K1 + 1) / (tf + norm), posting by posting, in C
                weights = list(weights)
                above = map(mul, map(mul, repeat(idf), weights), repeat(K1 + 1))
                below = map(add, weights, map(norms.__getitem__, docnums))
                scores.update(zip(docnums, map(truediv, above, below), strict=True))
        return scores

    def _evaluate(self, query: wq.Query) -> dict[int, float]:
        """The scores of a query, from its subqueries' (combined with set operations and `map`, in C, adding
        scores in the same order as a loop over the subqueries would)."""
        if isinstance(query, wq.Term):
            return _boosted(self.term(query.fieldname, query.text), query.boost)
        if isinstance(query, wq.Or):
            merged: dict[int, float] = {}
            for child in query.subqueries:
                scores = self.scores(child)
                if not merged:
                    merged = dict(scores)
                    continue
                both = merged.keys() & scores.keys()
                sums = list(map(add, map(merged.__getitem__, both), map(scores.__getitem__, both)))
                merged.update(scores)
                merged.update(zip(both, sums, strict=True))
            return _boosted(merged, query.boost)
        if isinstance(query, wq.And):
            parts = sorted((self.scores(child) for child in query.subqueries), key=len)
            if not parts:
                return {}
            keys = parts[0].keys()
            for part in parts[1:]:
                keys = part.keys() & keys
            keys = list(keys)
            totals = map(parts[0].__getitem__, keys)
            for part in parts[1:]:
                totals = map(add, totals, map(part.__getitem__, keys))
            return _boosted(dict(zip(keys, totals, strict=True)), query.boost)
        if isinstance(query, wq.AndMaybe):
            required, optional = self.scores(query.a), self.scores(query.b)
            both = required.keys() & optional.keys()
            scores = dict(required)
            scores.update(
                zip(both, map(add, map(required.__getitem__, both), map(optional.__getitem__, both)), strict=True)
            )
            return _boosted(scores, query.boost)
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


def _postings(reader, fieldname: str, text: str, numbers: list[int]):
    """(docnums, weights) of a term's postings, a block at a time, segment by segment: Whoosh's posting blocks
    (`W3LeafMatcher`) decoded whole, as its `_read_ids` / `_read_weights` would, instead of one posting per call
    of its matcher API. Docnums are taken from `numbers` (`list(range(doc_count))`), so that all cached scores
    share one int object per document."""
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
            while matcher.is_active():
                matcher._read_data()
                deltas, weights, _values = matcher._data
                docnums = list(map(numbers.__getitem__, islice(accumulate(deltas, initial=offset), 1, None)))
                if weights is None or isinstance(weights, float):
                    weights = repeat(1.0 if weights is None else weights, len(docnums))
                yield docnums, weights
                matcher._next_block()
        else:
            docnums, weights = [], []
            while matcher.is_active():
                docnums.append(numbers[matcher.id() + offset])
                weights.append(matcher.weight())
                matcher.next()
            yield docnums, weights


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    return scores if boost == 1.0 else dict(zip(scores, map(mul, scores.values(), repeat(boost)), strict=True))
