"""`SearchService`: the read-only generations of the web process (and of the JSON API and the CLI).

It opens the generation `current` points to: the validated catalogue written by `catalogue build` and the
index with one searcher and the per-document facet table. It reopens when `current` points elsewhere: no
restart, and readers keep the old generation until the new one is open. If `current` cannot be opened, it
keeps the generation it has, or at start opens the newest one that opens, and says so (`degraded`).
One instance per process; `search()` is safe to call from several threads.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from itertools import compress, filterfalse, repeat
from operator import ge, mul
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from whoosh import index as whoosh_index
from whoosh.query import Every

from catalogue.content import snapshot
from catalogue.content.loading import Catalogue

from .analysis import fold, words
from .building import CURRENT, GENERATION_PREFIX, META
from .concepts import AgeHint, AgeReader
from .facets import FacetTable, bitmask, flags, positions
from .highlight import Marks, highlight
from .query import MatchedTerms, QueryBuilder, parse
from .request import SearchRequest
from .schema import TEXT_PARTS, language_terms
from .schema import field as field_name
from .scoring import Scorer
from .spelling import Speller

log = logging.getLogger(__name__)

SNIPPETS = {"head": "title", "summary": "summary", "body": "body"}
"""Which stored text shows where a field matched."""

CACHED_STORED = 2_000
"""Documents whose stored texts a generation keeps in memory (about 5 KB each)."""

FEW = 10
"""Fewer methods than this with every word of a query of three or more words: those with some of them follow."""
SOME_WORDS = 0.5
"""The share of its score a method with only some of the words keeps, below those with all of them."""
AGE_OTHERS = 0.2
"""When the words give the child's age, a method for other ages keeps this share of its score."""
TOPIC_OTHERS = 0.3
"""When everyday words were read as a topic, a method not tagged with it keeps this share of its score (for each
such topic): a method that only mentions "drinks" (sugary drinks) ranks below those about drinking problems."""
AGE_SPREAD = 0.9
"""Among the methods for the child's age, each further age band a method covers keeps this share: a programme for
toddlers ranks above one for every age from 0 to 17 with the same words."""
"""When the words give the child's age, a method for other ages keeps this share of its score."""

RETRY_SECONDS = 1.0
"""After a generation failed to open, how long to keep serving the old one before trying again."""


def _scale(scores: dict[int, float], docnums: list[int], share: float) -> None:
    """The documents' scores times `share` (in C: a score dict can hold every document)."""
    scores.update(zip(docnums, map(mul, map(scores.__getitem__, docnums), repeat(share)), strict=True))


class IndexUnavailable(RuntimeError):
    """There is no usable index: none was built yet, or it cannot be opened."""


@dataclass
class Hit:
    id: str
    lang: str
    """The language of the indexed text (differs from the request's when the method lacks a translation)."""
    score: float
    highlights: dict[str, str] = field(default_factory=dict)
    """field (title, summary, body) → HTML with <mark>…</mark>, escaped. A body fragment is given only when
    the summary shows no match."""


@dataclass
class Results:
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    sort: str = "name"
    concepts: list[str] = field(default_factory=list)
    """Topics that everyday words of the query were read as (each also matched the methods tagged with it)."""
    age: AgeHint | None = None
    """The child's age the query's words gave: those methods come first."""
    relaxed: bool = False
    """True when no method had every word and the results are methods with any of them."""
    corrected: bool = False
    """True when nothing matched what was typed and the results are for `suggestion` instead."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class Generation:
    """One opened index generation: searcher, document records, facet bitmasks, query helpers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.catalogue: Catalogue | None = snapshot.load(path) if (path / snapshot.FILE).exists() else None
        """The validated catalogue built with this index (None for an index built without one, e.g. by tests of
        the search alone)."""
        self.index = whoosh_index.open_dir(str(path), readonly=True)
        self.searcher = self.index.searcher()
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        by_key = {f"{r['id']}/{r['ui']}": r for r in meta["records"]}
        keys = [key.decode() if isinstance(key, bytes) else key for key in self.searcher.reader().column_reader("key")]
        self.records = [by_key[key] for key in keys]
        docnums = {key: docnum for docnum, key in enumerate(keys)}
        self.docnums = docnums
        """`id/ui` → docnum."""
        self.catalogue_order = [docnums[f"{r['id']}/{r['ui']}"] for r in meta["records"]]
        """Docnums in the catalogue's order (the index may keep documents in another order): breaks ties."""
        self.facets = FacetTable(self.records, meta["facets"])
        self.levels = {level: rank for rank, level in enumerate(meta["facets"]["evidence"])}
        self.age_spread = [AGE_SPREAD ** max(len(record["age_band"]) - 1, 0) for record in self.records]
        """Per document, the share of its score kept for each age band beyond the first (`AGE_SPREAD`)."""
        self.lock = threading.Lock()
        self.scorer = Scorer(self.searcher)
        languages = meta["languages"]
        schema = self.index.schema
        self.terms = {lang: language_terms(schema, lang) for lang in languages}
        for lang, exported in meta.get("words", {}).items():
            self.terms[lang].remember(exported)  # every word the snippets may show, looked up when it was built
        self.builders = {}
        self.spellers = {ui: Speller(words) for ui, words in meta["spelling"].items()}
        self.known_words = {word for words in meta["spelling"].values() for word in words}
        self.ranks: dict[str, list[int]] = {}
        self.ui_flags = {ui: flags(self.facets.ui.get(ui, 0), self.facets.size) for ui in languages}
        concepts = meta.get("concepts", {})
        self.age_readers = {}
        for ui in languages:
            text_languages = sorted({r["lang"] for r in self.records if r["ui"] == ui})
            entries = concepts.get(ui, {})
            topics = {lang: concepts.get(lang, {}).get("topics", {}) for lang in languages}
            self.builders[ui] = QueryBuilder(
                ui, text_languages, self.terms, meta["synonyms"].get(ui, []), topics, entries.get("optional", ())
            )
            self.age_readers[ui] = AgeReader(ui, self.terms[ui], entries.get("ages", {}))
        self._rank("name", lambda d: tuple(self.records[d]["sort_name"]))
        self._rank("reviewed", lambda d: self.records[d]["reviewed"], reverse=True)
        self._stored: LRUCache = LRUCache(maxsize=CACHED_STORED)

    def stored(self, docnum: int) -> dict:
        """The texts stored for a document's snippets; the most recently shown ones are kept in memory."""
        found = self._stored.get(docnum)
        if found is None:
            found = self._stored[docnum] = self.searcher.stored_fields(docnum)["stored"]
        return found

    def similar(self, method_id: str, lang: str, limit: int = 5) -> list[str]:
        """Methods to compare with: for overlapping ages, sharing as many of this one's topics as possible (all,
        then all but the last, ...), by name within a tie. A few set operations on the facet bitmasks: the cost
        does not grow with the catalogue's size the way a sort of every method would."""
        docnum = self.docnums.get(f"{method_id}/{lang}")
        if docnum is None:
            return []
        record, facets = self.records[docnum], self.facets
        ages = 0
        for band in record["age_band"]:
            ages |= facets.masks["age"].get(band, 0)
        base = facets.ui.get(lang, 0) & ages & ~(1 << (8 * docnum))
        topics = [facets.masks["topic"].get(topic, 0) for topic in record["topic"]]
        found: list[int] = []
        names = self.ranks["name"]
        for shared in range(len(topics), 0, -1):
            mask = base
            for topic in topics[:shared]:
                mask &= topic
            for taken in found:
                mask &= ~(1 << (8 * taken))
            found += heapq.nsmallest(limit - len(found), positions(mask), key=names.__getitem__)
            if len(found) >= limit:
                break
        return [self.records[d]["id"] for d in found]

    def _rank(self, name: str, key, reverse: bool = False) -> None:
        order = sorted(self.catalogue_order, key=key, reverse=reverse)
        ranks = [0] * len(self.records)
        for rank, docnum in enumerate(order):
            ranks[docnum] = rank
        self.ranks[name] = ranks

    def close(self) -> None:
        self.searcher.close()
        self.index.close()


class SearchService:
    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._generation: Generation | None = None
        self._open_lock = threading.Lock()
        self._failed: tuple[str, float] | None = None
        self.degraded: str | None = None
        """Why the generation in use is not the one `current` points to; None when it is."""

    # -- generations ----------------------------------------------------------------------

    def generation(self) -> Generation:
        """The generation `current` points to, opened once; the previous one if the new one cannot be opened."""
        link = self.index_dir / CURRENT
        try:
            target = os.readlink(link)
        except OSError as exc:
            if self._generation is not None:
                return self._generation
            raise IndexUnavailable(f"no generation in {self.index_dir}: run `catalogue build`") from exc
        generation = self._generation
        if generation is not None and generation.name == target:
            return generation
        with self._open_lock:
            generation = self._generation
            if generation is not None and generation.name == target:
                return generation
            failed = self._failed
            retry_later = failed and failed[0] == target and time.monotonic() - failed[1] < RETRY_SECONDS
            if retry_later and generation is not None:
                return generation
            try:
                opened = Generation(self.index_dir / target)
            except Exception as exc:
                self._failed = (target, time.monotonic())
                self.degraded = f"{target} cannot be opened: {exc}"
                if generation is None:
                    generation = self._newest_that_opens(exclude=target)
                if generation is None:
                    raise IndexUnavailable(f"the generation {self.index_dir / target} cannot be opened: {exc}") from exc
                log.warning("serving generation %s: %s cannot be opened: %s", generation.name, target, exc)
                self._generation = generation
                return generation
            self._generation, self._failed, self.degraded = opened, None, None
            return opened

    def _newest_that_opens(self, exclude: str) -> Generation | None:
        """At start, when `current` is broken: the newest older generation that opens, if any."""
        for path in sorted(self.index_dir.glob(f"{GENERATION_PREFIX}*"), reverse=True):
            if path.name == exclude or not path.is_dir():
                continue
            try:
                return Generation(path)
            except Exception as exc:
                log.warning("generation %s cannot be opened either: %s", path.name, exc)
        return None

    # -- search ---------------------------------------------------------------------------

    def search(self, request: SearchRequest, generation: Generation | None = None) -> Results:
        """Search `generation` (default: the current one; a caller that pinned one for a request passes it)."""
        generation = generation or self.generation()
        with generation.lock:
            return _Search(generation, request).run()


class _Search:
    def __init__(self, generation: Generation, request: SearchRequest) -> None:
        self.gen = generation
        self.request = request
        self.builder = generation.builders[request.lang]
        text, self.age = request.q, None
        if "age" not in request.plain:
            text, self.age = generation.age_readers[request.lang].read(request.q)
        self.parsed = parse(text)
        self.age_words = words(self.age.words) if self.age is not None and self.age.years is None else []
        """The words an age band was read from ("newborn", "tonåring"): they still rank the methods that use them."""
        self.facets = generation.facets
        self.field_matches: list[tuple[str, dict[int, float]]] = []
        """(field part, the documents its term matched) for each plain term of the query."""
        self.marks: dict[str, Marks] = {}
        """Per text language, the words the snippets mark (worked out for the first hit in that language)."""

    def run(self) -> Results:
        request, facets = self.request, self.facets
        selections = {name: facets.selection(name, values) for name, values in request.selections.items()}
        wanted = facets.filter(selections)
        ui_mask = facets.ui.get(request.lang, 0)
        query, concepts = self.builder.build(self.parsed, plain=request.plain, ranking=self.age_words)
        suggestion = self._suggestion()
        relaxed = corrected = False
        scores: dict[int, float] = {}
        if query is None:
            matched = ui_mask
            if self.age is not None:  # only an age was typed: every method, that age's first
                scores = dict.fromkeys(positions(ui_mask & wanted), 1.0)
        elif isinstance(query, Every):
            excluded = bitmask(self._excluded(), facets.size)
            matched = ui_mask & ~excluded
        else:
            matched, scores = self._match(query, wanted)
            if not matched and suggestion:
                # nothing for what was typed: show what the corrected words find
                fixed = parse(suggestion)
                fixed_query, fixed_concepts = self.builder.build(fixed, plain=request.plain, ranking=self.age_words)
                if fixed_query is not None:
                    fixed_matched, fixed_scores = self._match(fixed_query, wanted)
                    if fixed_matched:
                        self.parsed, query, matched, scores, corrected = (
                            fixed,
                            fixed_query,
                            fixed_matched,
                            fixed_scores,
                            True,
                        )
                        concepts = fixed_concepts
            if not matched and len(self.parsed.groups) > 1:
                query, concepts = self.builder.build(
                    self.parsed, relaxed=True, plain=request.plain, ranking=self.age_words
                )
                matched, scores = self._match(query, wanted)
                relaxed = True
            elif len(self.parsed.groups) > 2 and (matched & wanted).bit_count() < FEW:
                # a long query in everyday words rarely has every word in one text: after the methods with all
                # of them come those with some of them
                some, _ = self.builder.build(self.parsed, relaxed=True, plain=request.plain, ranking=self.age_words)
                more, more_scores = self._match(some, wanted)
                added = list(more_scores.keys() - scores.keys())
                scores.update(
                    zip(added, map(mul, map(more_scores.__getitem__, added), repeat(SOME_WORDS)), strict=True)
                )
                matched |= more
        if concepts:
            self._prefer_topics(scores, concepts)
        if self.age is not None:
            self._prefer_age(scores)
        hits_mask = matched & wanted
        total = hits_mask.bit_count()
        ranked = (query is not None and self.parsed.positive) or self.age is not None
        sort = request.effective_sort(ranked)
        page = self._page(hits_mask, scores, sort)
        highlighted = MatchedTerms.of(query) if query is not None and self.parsed.positive else None
        if highlighted is not None and highlighted.exact:
            # which documents each field's terms matched: tells which texts of a hit to read for snippets
            term = self.gen.scorer.term
            self.field_matches = [(name.split("_")[0], term(name, text)) for name, text in highlighted.fields]
        hits = [self._hit(docnum, scores.get(docnum, 0.0), highlighted) for docnum in page]
        return Results(
            total=total,
            page=request.page,
            per_page=request.per_page,
            hits=hits,
            facets=facets.counts(matched, selections),
            suggestion=suggestion,
            sort=sort,
            relaxed=relaxed,
            corrected=corrected,
            concepts=concepts,
            age=self.age,
        )

    def _prefer_topics(self, scores: dict[int, float], topics: list[str]) -> None:
        """Methods tagged with the topics the words were read as first; the others stay, at a fraction of their
        score, except those whose names hold every word typed."""
        masks, named = self.facets.masks["topic"], self._named()
        for topic in topics:
            others = filterfalse(flags(masks.get(topic, 0), self.facets.size).__getitem__, scores)
            _scale(scores, [d for d in others if d not in named] if named else list(others), TOPIC_OTHERS)

    def _named(self) -> set[int]:
        """The methods whose names hold every word typed: the reader typed a name."""
        typed = [fold(word) for clause in self.parsed.clauses if not clause.negated for word in clause.words]
        if not typed:
            return set()
        term = self.gen.scorer.term
        found = set(term("names", typed[0]))
        for word in typed[1:]:
            found &= term("names", word).keys()
        return found

    def _prefer_age(self, scores: dict[int, float]) -> None:
        """Methods for the child's age first, those made for fewer ages before those for every age; the others
        stay, at a fraction of their score."""
        age, facets = self.age, self.facets
        if age.years is not None:
            covering = flags(facets.years.get(age.years, 0), facets.size)
        else:
            covering = flags(facets.masks["age"].get(age.band, 0), facets.size)
        _scale(scores, list(filterfalse(covering.__getitem__, scores)), AGE_OTHERS)
        covered = list(filter(covering.__getitem__, scores))
        spread = self.gen.age_spread
        scores.update(
            zip(covered, map(mul, map(scores.__getitem__, covered), map(spread.__getitem__, covered)), strict=True)
        )

    def _match(self, query, wanted: int) -> tuple[int, dict[int, float]]:
        """Every document of the reader's language that matches, and the scores of those that pass the filters."""
        every = self.gen.scorer.scores(query)
        matched = list(compress(every, map(self.gen.ui_flags[self.request.lang].__getitem__, every)))
        excluded = self._excluded()
        if excluded:
            matched = list(filterfalse(excluded.__contains__, matched))
        selected = matched
        if wanted != self.facets.all:
            selected = list(compress(matched, map(flags(wanted, self.facets.size).__getitem__, matched)))
        return bitmask(matched, self.facets.size), dict(zip(selected, map(every.__getitem__, selected), strict=True))

    def _excluded(self) -> set[int]:
        negative = self.builder.negative(self.parsed)
        return set(self.gen.scorer.scores(negative)) if negative is not None else set()

    def _page(self, hits_mask: int, scores: dict[int, float], sort: str) -> list[int]:
        request = self.request
        wanted = request.page * request.per_page
        names = self.gen.ranks["name"]
        if sort == "relevance":
            docs = list(scores)
            if len(docs) > wanted:  # only those scoring at least the wanted-th best score can be on the page
                lowest = heapq.nlargest(wanted, scores.values())[-1]
                docs = list(compress(docs, map(ge, scores.values(), repeat(lowest))))
            key = lambda d: (-scores[d], names[d])  # noqa: E731
        else:
            docs = positions(hits_mask)
            if sort == "evidence":
                levels, records = self.gen.levels, self.gen.records
                key = lambda d: (levels.get(records[d]["level"], len(levels)), -scores.get(d, 0.0), names[d])  # noqa: E731
            elif sort == "reviewed":
                key = self.gen.ranks["reviewed"].__getitem__
            else:
                key = names.__getitem__
        return heapq.nsmallest(wanted, docs, key=key)[wanted - request.per_page :]

    def _hit(self, docnum: int, score: float, matched: MatchedTerms | None) -> Hit:
        record = self.gen.records[docnum]
        hit = Hit(id=record["id"], lang=record["lang"], score=round(score, 4))
        if matched is None:
            return hit
        parts = set(SNIPPETS)
        if matched.exact:  # read only the fields whose terms matched this document
            parts = {part for part, docs in self.field_matches if docnum in docs}
        wanted = [SNIPPETS[part] for part in SNIPPETS if part in parts]
        if not wanted:
            return hit
        stored, lang = self.gen.stored(docnum), record["lang"]
        marks = self.marks.get(lang)
        if marks is None:
            marks = self.marks[lang] = Marks.of(matched, self.gen.terms[lang], lang)
        for name in wanted:
            if name == "body" and "summary" in hit.highlights:
                break  # the summary already shows the match; a body fragment is read only when it does not
            snippet = highlight(stored.get(name, ""), marks)
            if snippet:
                hit.highlights[name] = snippet
        return hit

    def _suggestion(self) -> str | None:
        """The query with misspelt words corrected, or None when every word is known."""
        gen, builder = self.gen, self.builder
        reader = gen.searcher.reader()
        changed = False
        corrected: list[str] = []
        plain = {clause.words[0] for clause in self.parsed.clauses if clause.plain}
        for clause in self.parsed.clauses:
            for word in clause.words:
                folded = fold(word)
                if word not in plain or folded in gen.known_words or builder.is_stopword(word):
                    corrected.append(folded)
                    continue
                found = any(
                    reader.doc_frequency(field_name(part, lang), term) > 0
                    for lang in builder.languages
                    for term in gen.terms[lang].terms(word).all
                    for part in TEXT_PARTS
                )
                replacement = None if found else gen.spellers[self.request.lang].correct(folded)
                corrected.append(replacement or folded)
                changed = changed or replacement is not None
        return " ".join(corrected) if changed else None


def results_json(results: Results) -> dict[str, Any]:
    """Results as plain data for the JSON API."""
    return {
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "pages": results.pages,
        "sort": results.sort,
        "relaxed": results.relaxed,
        "corrected": results.corrected,
        "suggestion": results.suggestion,
        "concepts": results.concepts,
        "age": None
        if results.age is None
        else {"words": results.age.words, "years": results.age.years, "band": results.age.band},
        "hits": [{"id": h.id, "lang": h.lang, "score": h.score, "highlights": h.highlights} for h in results.hits],
        "facets": results.facets,
    }
