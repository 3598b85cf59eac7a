"""From what a reader typed to a Whoosh query: lenient parsing, per-language terms, compounds and synonyms.

`parse()` never raises: stray quotes and brackets are dropped, `AND`/`OR`/`NOT` and `-word` work when they
make sense and are ignored when they do not, `word*` is a prefix, `:` and other punctuation separate words.
The result is built into a query where every word must match (in the title, aliases, any name, summary or
body; as a stem, base form, compound part or synonym); `relaxed()` gives the any-word fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whoosh import query as wq

from .analysis import LanguageTerms, fold, words
from .concepts import EntryTerms
from .schema import PHRASE_PARTS, TEXT_PARTS, TOPIC_FIELD
from .schema import field as field_name
from .scoring import Shared

MAX_CLAUSES = 24
MIN_PREFIX = 2
PARTS_BOOST = 0.6
"""A compound matched through its parts ranks below the compound itself."""
PHRASE_WORDS_BOOST = 0.5
"""A quoted phrase whose words are all there, but not side by side (or not in a title)."""
SYNONYM_BOOST = 0.7
"""A synonym ranks below the reader's own words."""
CONCEPT_BOOST = 0.25
"""A method found through the topic an everyday word stands for ranks below one that has the word itself."""
TOPIC_TAG_BOOST = 3.0
"""Within what a topic adds, being tagged with it counts three times one of its everyday words in a method's text:
the editors' tag is the surer sign ("dad drinks" finds Family Talk, tagged with substance use, whose text names
it once)."""
CONCEPT_WORDS = 12
"""At most this many of the topic's other one-word entry terms (in the reader's language) also count, lower still:
among the methods of a topic, those whose texts use its everyday words rank first."""


class TopicQuery(Shared):
    """What an everyday word's topic adds: the methods tagged with it and its other everyday words. Not what the
    reader typed, so the snippets do not mark its words. Its scores are worked out once per generation."""


TOKEN = re.compile(r'"([^"]*)"|([^\s"]+)|"')
BRACKETS = str.maketrans({c: " " for c in "()[]{}<>"})


@dataclass
class Clause:
    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    negated: bool = False

    @property
    def plain(self) -> bool:
        return not (self.phrase or self.prefix or self.negated) and len(self.words) == 1


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)
    """AND of groups; the clauses of one group are OR-ed (`a OR b`)."""

    @property
    def clauses(self) -> list[Clause]:
        return [clause for group in self.groups for clause in group]

    @property
    def positive(self) -> bool:
        return any(not clause.negated for clause in self.clauses)


def parse(text: str) -> ParsedQuery:
    """The reader's text as clauses; never raises, whatever the input."""
    parsed = ParsedQuery()
    pending_or = pending_not = False
    count = 0
    for match in TOKEN.finditer((text or "").translate(BRACKETS)):
        quoted, bare = match.group(1), match.group(2)
        if quoted is None and bare is None:
            continue  # a stray quote
        if bare in ("AND", "&&"):
            continue
        if bare in ("OR", "||"):
            pending_or = bool(parsed.groups)
            continue
        if bare == "NOT":
            pending_not = True
            continue
        negated, prefix, token = pending_not, False, quoted if quoted is not None else bare
        if bare is not None:
            if token.startswith("-") and len(token) > 1:
                negated, token = True, token[1:]
            token = token.lstrip("+")
            if token.endswith("*"):
                prefix = True
            token = token.replace("*", " ").replace("?", " ")
        found = tuple(words(token))
        if not found:
            continue
        clause = Clause(found, phrase=quoted is not None and len(found) > 1, negated=negated)
        if prefix and len(found) == 1 and len(found[0]) >= MIN_PREFIX:
            clause.prefix = True
        if pending_or and not negated and parsed.groups and not parsed.groups[-1][-1].negated:
            parsed.groups[-1].append(clause)
        else:
            parsed.groups.append([clause])
        pending_or = pending_not = False
        count += 1
        if count >= MAX_CLAUSES:
            break
    return parsed


class QueryBuilder:
    """Builds Whoosh queries for readers of one site language over the text languages its documents hold."""

    def __init__(
        self,
        ui: str,
        text_languages: Sequence[str],
        terms: dict[str, LanguageTerms],
        synonyms: Sequence[Sequence[str]] = (),
        topics: dict[str, dict[str, Sequence[str]]] | None = None,
        optional: Sequence[str] = (),
    ) -> None:
        self.ui = ui
        self.languages = list(text_languages)
        self.terms = terms
        self.ui_terms = terms[ui]
        self.synonyms = [[tuple(words(entry)) for entry in group] for group in synonyms]
        self.synonyms = [[entry for entry in group if entry] for group in self.synonyms]
        self._synonym_entries = EntryTerms(
            self.ui_terms,
            {
                (number, index): [" ".join(entry)]
                for number, group in enumerate(self.synonyms)
                for index, entry in enumerate(group)
            },
        )
        """Each synonym entry, matched by its words' stems and base forms, standing for its (group, place)."""
        topics = topics or {}
        order = [ui, *(lang for lang in topics if lang != ui)]
        self.topic_readers = [
            EntryTerms(terms[lang], topics[lang]) for lang in order if lang in topics and lang in terms
        ]
        """Everyday words for topics (`content/concepts/<lang>.yaml`), the reader's language first, then the
        others: a mixed-language query ("tantrum 2-åring") is read too."""
        self._topic_queries: dict[str, wq.Query] = {}
        self.optional = {term for entry in optional for term in self.ui_terms.terms(entry).main or (fold(entry),)}
        """Words that rank methods but are not required (`optional` in the concept file): "pappa", "liikaa"."""
        self.topic_words = {
            topic: [entry for entry in entries if " " not in entry][:CONCEPT_WORDS]
            for topic, entries in topics.get(ui, {}).items()
        }

    # -- words ----------------------------------------------------------------------------

    def is_stopword(self, word: str) -> bool:
        return fold(word) in self.ui_terms.stopwords

    def word_query(self, word: str, boost: float = 1.0) -> wq.Query | None:
        """Any of the word's terms in any text field, or the word in any name."""
        subqueries: list[wq.Query] = []
        for lang in self.languages:
            terms = self.terms[lang].terms(word)
            for part in TEXT_PARTS:
                name = field_name(part, lang)
                subqueries.extend(wq.Term(name, term) for term in terms.main)
            if terms.parts:
                parts = [wq.Or([wq.Term(field_name(p, lang), term) for p in TEXT_PARTS]) for term in terms.parts]
                subqueries.append(wq.And(parts, boost=PARTS_BOOST))
        if not subqueries and self.is_stopword(word):
            return None
        subqueries.append(wq.Term("names", fold(word)))
        return wq.Or(subqueries, boost=boost)

    def words_query(self, items: Sequence[str], boost: float = 1.0) -> wq.Query | None:
        queries = [q for q in (self.word_query(w) for w in items) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 and boost == 1.0 else wq.And(queries, boost=boost)

    def phrase_query(self, items: Sequence[str]) -> wq.Query | None:
        """The words side by side in a title, alias or name (stop words may stand between them), or all of them anywhere."""
        subqueries: list[wq.Query] = [wq.Phrase("names", [fold(w) for w in items])]
        for lang in self.languages:
            stems = [terms.main[0] for terms in (self.terms[lang].terms(w) for w in items) if terms.main]
            if len(stems) > 1:
                subqueries.extend(wq.Phrase(field_name(part, lang), stems, slop=2) for part in PHRASE_PARTS)
        words = self.words_query(items)
        if words is not None:
            # summaries and bodies keep no positions (a smaller, faster index): all the words, anywhere
            subqueries.append(wq.And([words], boost=PHRASE_WORDS_BOOST))
        return wq.Or(subqueries)

    def prefix_query(self, word: str) -> wq.Query:
        prefix = fold(word)
        fields = ["names"] + [field_name(part, lang) for lang in self.languages for part in TEXT_PARTS]
        return wq.Or([wq.Prefix(name, prefix) for name in fields])

    def clause_query(self, clause: Clause) -> wq.Query | None:
        if clause.prefix:
            return self.prefix_query(clause.words[0])
        if clause.phrase:
            return self.phrase_query(clause.words)
        return self.words_query(clause.words)

    # -- synonyms -------------------------------------------------------------------------

    def _synonym_at(self, plain: Sequence[str], start: int) -> tuple[int, list[tuple[str, ...]]] | None:
        """The longest synonym entry matching the words from `start`: (its length, the other entries)."""
        found = self._synonym_entries.at(plain, start)
        if found is None:
            return None
        size, (number, index) = found
        return size, [other for place, other in enumerate(self.synonyms[number]) if place != index]

    def _is_optional(self, word: str) -> bool:
        return bool(self.optional) and bool(self._synonym_entries.key(word) & self.optional)

    def _positive_groups(
        self, parsed: ParsedQuery, plain: Sequence[str] = ()
    ) -> tuple[list[wq.Query], list[str], list[wq.Query]]:
        """One query per AND-ed group; runs of plain words that name a synonym also match its synonyms, and an
        everyday word for a topic also matches the methods tagged with it (unless the reader turned that reading
        off: `plain`). Returns the groups, the topics read, and the queries of optional words."""
        groups: list[wq.Query] = []
        topics: list[str] = []
        optional: list[wq.Query] = []
        plain_run: list[str] = []

        def flush() -> None:
            start = 0
            while start < len(plain_run):
                concept = self._concept_at(plain_run, start)
                if concept and concept[1] in plain:
                    concept = None
                found = self._synonym_at(plain_run, start) if self.synonyms else None
                size = max(concept[0] if concept else 0, found[0] if found else 0)
                if size:
                    own = self.words_query(plain_run[start : start + size])
                    others = found[1] if found and found[0] == size else []
                    alternatives = [self.words_query(other, boost=SYNONYM_BOOST) for other in others]
                    if concept and concept[0] == size:
                        alternatives.append(self._topic_query(concept[1]))
                        if concept[1] not in topics:
                            topics.append(concept[1])
                    alternatives = [q for q in alternatives if q is not None]
                    if own is not None or alternatives:
                        groups.append(wq.Or([q for q in (own, *alternatives) if q is not None]))
                    start += size
                else:
                    query = self.word_query(plain_run[start])
                    if query is not None:
                        (optional if self._is_optional(plain_run[start]) else groups).append(query)
                    start += 1
            plain_run.clear()

        for group in parsed.groups:
            positive = [clause for clause in group if not clause.negated]
            if len(positive) == 1 and positive[0].plain:
                plain_run.append(positive[0].words[0])
                continue
            flush()
            queries = [q for q in (self.clause_query(clause) for clause in positive) if q is not None]
            if queries:
                groups.append(queries[0] if len(queries) == 1 else wq.Or(queries))
        flush()
        if not groups:  # only optional words were typed: they are what the reader wants
            return optional, topics, []
        return groups, topics, optional

    def _concept_at(self, plain: Sequence[str], start: int) -> tuple[int, str] | None:
        found = [reader.at(plain, start) for reader in self.topic_readers]
        found = [item for item in found if item]
        return max(found, key=lambda item: item[0]) if found else None

    def _topic_query(self, topic: str) -> wq.Query:
        """The methods tagged with the topic, and (lower) those whose texts use its everyday words. The same query
        object for every search of the topic, so its scores are worked out once per generation (Scorer's cache)."""
        query = self._topic_queries.get(topic)
        if query is None:
            others = [self.word_query(word) for word in self.topic_words.get(topic, ())]
            others = [q for q in others if q is not None]
            query = TopicQuery([wq.Term(TOPIC_FIELD, topic, boost=TOPIC_TAG_BOOST), *others], boost=CONCEPT_BOOST)
            self._topic_queries[topic] = query
        return query

    def negative(self, parsed: ParsedQuery) -> wq.Query | None:
        """What must not match (`NOT word`, `-word`); kept apart because Whoosh's AndNot matcher skips badly."""
        queries = [self.clause_query(c) for c in parsed.clauses if c.negated]
        queries = [q for q in queries if q is not None]
        return wq.Or(queries) if queries else None

    def build(
        self, parsed: ParsedQuery, relaxed: bool = False, plain: Sequence[str] = (), ranking: Sequence[str] = ()
    ) -> tuple[wq.Query | None, list[str]]:
        """The query, and the topics its everyday words were read as. Every group must match (or, relaxed, any
        group may); Every() when only exclusions were typed; None when nothing searchable is left. `ranking`:
        words that rank the methods using them but are not required (the words an age was read from, "newborn")."""
        groups, topics, optional = self._positive_groups(parsed, plain)
        if not groups:
            return (wq.Every() if self.negative(parsed) is not None else None), topics
        optional += [q for q in map(self.word_query, ranking) if q is not None]
        query = groups[0] if len(groups) == 1 else (wq.Or(groups) if relaxed else wq.And(groups))
        if optional:
            query = wq.AndMaybe(query, optional[0] if len(optional) == 1 else wq.Or(optional))
        return query, topics


@dataclass
class MatchedTerms:
    """What the query looked for, per language, for the highlighter."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    fields: list[tuple[str, str]] = field(default_factory=list)
    """(field, term) of every plain term query: tells which fields of a document matched, without reading it."""
    exact: bool = True
    """False when phrases or prefixes matched too: then every field is worth reading."""

    @classmethod
    def of(cls, query: wq.Query | None) -> MatchedTerms:
        found = cls()
        if query is None:
            return found
        for leaf in _positive_leaves(query):
            if isinstance(leaf, wq.Prefix):
                found.prefixes.add(leaf.text)
                found.exact = False
                continue
            if isinstance(leaf, wq.Term):
                found.fields.append((leaf.fieldname, leaf.text))
            else:
                found.exact = False
            for fieldname, text in leaf.iter_all_terms():
                if fieldname == "names":
                    found.names.add(text)
                else:
                    found.terms.setdefault(fieldname.rsplit("_", 1)[1], set()).add(text)
        return found


def _positive_leaves(query: wq.Query) -> Iterable[wq.Query]:
    if isinstance(query, (wq.Every, TopicQuery)):
        return
    if query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _positive_leaves(child)
