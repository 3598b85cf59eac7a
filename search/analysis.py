"""From words to index terms, per language: the one place that decides what a word means to the search.

Every word is looked at alone, so the same function serves the index (through `TermsFilter`), the query
and the highlighter:

- sv: Snowball stem; compounds are split into parts that the catalogue itself uses as words
  ("föräldraskapsstöd" → föräldraskapsstöd + föräldraskap + stöd), with the linking -s and -e, and into the
  parts the Swedish Hunspell dictionary (Debian's hunspell-sv, read by spylls) gives for a word it does not
  know whole ("telefonstöd" → telefon + stöd, "klassrumsledning" → klassrum + ledning): worked out when the
  index is built, for the catalogue's words, synonyms and entry terms, and kept with it;
- fi: Voikko base forms ("vanhemman" → vanhempi) and compound parts ("lapsiperheissä" → lapsiperhe +
  lapsi + perhe); Snowball for words Voikko does not know (names, loan words);
- en: Snowball stem.

Case and accents are folded, but å, ä and ö stay letters of their own. This module is pickled into the
index schema: its classes keep this import path and carry only plain data.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spylls.hunspell import Dictionary
from spylls.hunspell.algo.lookup import CompoundForm
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

WORD = re.compile(r"\w+")
"""A word: letters and digits; hyphens, dashes and punctuation separate words."""

KEEP = frozenset("åäöÅÄÖ")
"""Letters that folding keeps: in Swedish and Finnish they are letters of their own."""

MIN_HEAD, MIN_TAIL, MIN_COMPOUND = 3, 3, 7
"""Swedish compound splitting: the shortest first part, last part and whole word considered."""

CACHED_WORDS = 300_000
"""Words whose terms each language keeps in memory (the catalogue's vocabulary is far smaller)."""

SWEDISH_DICTIONARY = "/usr/share/hunspell/sv_SE"
"""Debian's Swedish Hunspell dictionary (hunspell-sv): sv_SE.aff and sv_SE.dic, with its compounding rules."""

LINKS = ("s", "e", "")
"""Swedish linking letters between compound parts (föräldraskap-s-stöd, familj-e-stöd)."""


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase, strip accents (é → e, ü → u), keep å, ä, ö; æ/ø read as ä/ö."""
    word = word.casefold().replace("æ", "ä").replace("ø", "ö")
    if word.isascii():
        return word
    out = []
    for char in word:
        if char in KEEP:
            out.append(char)
        else:
            out.append("".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)))
    return unicodedata.normalize("NFC", "".join(out))


def words(text: str) -> list[str]:
    return WORD.findall(text)


@dataclass(frozen=True)
class WordTerms:
    """What one word stands for: its own terms (any of them matches) and, for a compound, its parts."""

    main: tuple[str, ...]
    parts: tuple[str, ...] = ()

    @cached_property
    def all(self) -> tuple[str, ...]:
        return self.main + tuple(p for p in self.parts if p not in self.main)


NOTHING = WordTerms(())


class _Voikko:
    """One libvoikko handle per process, created on first use (it is neither picklable nor thread-safe)."""

    _lock = threading.Lock()
    _handle = None

    @classmethod
    def analyze(cls, word: str) -> list[dict]:
        with cls._lock:
            if cls._handle is None:
                try:
                    import libvoikko
                except ImportError as exc:  # pragma: no cover - the Makefile installs it
                    raise RuntimeError("Finnish search needs libvoikko: run `make system-deps install`") from exc
                try:
                    cls._handle = libvoikko.Voikko("fi")
                except OSError as exc:  # pragma: no cover
                    raise RuntimeError("Finnish search needs the Debian packages libvoikko1 and voikko-fi") from exc
            return cls._handle.analyze(word)


class _Hunspell:
    """The Swedish Hunspell dictionary, read once per process on first use (about two seconds); each word's
    answer is kept (a build of the index, and the next one, ask about the same words)."""

    _lock = threading.Lock()
    _dictionary = None
    _parts: dict[str, tuple[str, ...]] = {}

    @classmethod
    def compound_parts(cls, word: str) -> tuple[str, ...]:
        """The dictionary forms of a compound's parts ("telefonstöd" → telefon, stöd); () when the dictionary
        knows the word whole ("sjukdom", "vårdnadstvist": its first reading), or not at all."""
        found = cls._parts.get(word)
        if found is not None:
            return found
        with cls._lock:
            if cls._dictionary is None:
                try:
                    with warnings.catch_warnings():
                        # spylls reopens the .aff file for its encoding without closing the first handle
                        warnings.simplefilter("ignore", ResourceWarning)
                        cls._dictionary = Dictionary.from_files(SWEDISH_DICTIONARY)
                except OSError as exc:  # pragma: no cover - the Makefile installs it
                    raise RuntimeError("Swedish search needs the Debian package hunspell-sv") from exc
            first = next(iter(cls._dictionary.lookuper.good_forms(word)), None)
            found = (
                tuple(fold(part.stem) for part in first.parts if part.stem) if isinstance(first, CompoundForm) else ()
            )
            if len(cls._parts) > CACHED_WORDS:
                cls._parts.clear()
            cls._parts[word] = found
        return found


def dictionary_compounds(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For each (folded) Swedish word long enough to be a compound, its parts by the dictionary: worked out when
    the index is built (a few seconds for the catalogue) and kept with it."""
    return {word: _Hunspell.compound_parts(word) for word in words if len(word) >= MIN_COMPOUND}


def _segments(word: str, structure: str) -> list[str]:
    """The word cut at Voikko's compound boundaries ("=" in STRUCTURE, one other character per letter)."""
    segments, current, letters = [], [], iter(word)
    for mark in structure:
        if mark == "=":
            if current:
                segments.append("".join(current))
            current = []
        else:
            current.append(next(letters, ""))
    if current:
        segments.append("".join(current))
    return [s.strip("-") for s in segments if len(s.strip("-")) > 1]


def _voikko_terms(word: str, depth: int = 0) -> tuple[list[str], list[str]]:
    """Finnish base forms and compound parts by Voikko; ([], []) for words it does not know.

    Parts come from the compound boundaries of the word as written, each part analysed again
    ("vanhemmuustaidot" → vanhemmuus + taito, "ahdistuneisuushäiriö" → ahdistuneisuus + häiriö).
    """
    bases: list[str] = []
    parts: list[str] = []
    for analysis in _Voikko.analyze(word):
        base = fold(analysis.get("BASEFORM") or "")
        if base and base not in bases:
            bases.append(base)
        segments = _segments(word, analysis.get("STRUCTURE") or "")
        if len(segments) < 2 or depth:
            continue
        for segment in segments:
            segment_bases = _voikko_terms(segment, depth + 1)[0] or [segment]
            parts.extend(b for b in segment_bases if b not in parts)
    return bases, parts


class LanguageTerms:
    """The word-to-terms function of one language; for Swedish, with the catalogue's own word stems and the
    dictionary's compound parts of the words the index was built with (`dictionary_compounds`).

    Picklable: only `lang`, `lexicon` and `compounds` are kept; caches are rebuilt after unpickling.
    """

    def __init__(self, lang: str, lexicon: Iterable[str] = (), compounds: dict[str, tuple[str, ...]] | None = None):
        self.lang = lang
        self.lexicon = frozenset(lexicon)
        self.compounds = dict(compounds or {})
        self._setup()

    def _setup(self) -> None:
        self._stem = stemmer_for_language(self.lang)
        self.stopwords = frozenset(fold(w) for w in stopwords_for_language(self.lang))
        self._cache: dict[str, WordTerms] = {}
        self._stems: dict[str, str] = {}
        self._expanded: dict[str, tuple[str, ...]] = {}
        """word as written → all its terms (`word_terms`)"""
        self._by_term: dict[str, set[str]] = {}
        self._by_fold: dict[str, set[str]] = {}
        """term, folded word → the words (as written, of those seen) that have it (for the highlighter)"""

    def __getstate__(self) -> dict:
        return {"lang": self.lang, "lexicon": self.lexicon, "compounds": self.compounds}

    def __setstate__(self, state: dict) -> None:
        self.lang = state["lang"]
        self.lexicon = state["lexicon"]
        self.compounds = state.get("compounds", {})
        self._setup()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageTerms) and (self.lang, self.lexicon, self.compounds) == (
            other.lang,
            other.lexicon,
            other.compounds,
        )

    def __hash__(self) -> int:
        return hash((self.lang, len(self.lexicon)))

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stem(word)
        return stem

    def terms(self, word: str) -> WordTerms:
        """The terms of one word (any case); NOTHING for a stop word."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._terms(fold(word))
            if len(self._cache) > CACHED_WORDS:
                self._cache.clear()
                self._stems.clear()
            self._cache[word] = cached
        return cached

    def word_terms(self, word: str) -> tuple[str, ...]:
        """All the terms of one word as written (its own and its parts'): what `TermsFilter` puts in its place."""
        found = self._expanded.get(word)
        if found is None:
            self.learn((word,))
            found = self._expanded[word]
        return found

    def words_with(self, terms: Iterable[str], folded: Iterable[str]) -> set[str]:
        """The words (as written, of those known) that have any of `terms` or fold to any of `folded`: the words a
        highlighter marks."""
        by_term, by_fold = self._by_term, self._by_fold
        return set().union(*[by_term.get(term, ()) for term in terms], *[by_fold.get(word, ()) for word in folded])

    def learn(self, words: Iterable[str]) -> None:
        """Makes sure the words (as written) are known: their terms, and which words have a term or a folded form."""
        expanded, words = self._expanded, set(words)
        missing = words.difference(expanded)
        if not missing:
            return
        if len(expanded) + len(missing) > CACHED_WORDS:
            for cache in (expanded, self._by_term, self._by_fold):
                cache.clear()
            missing = words
        for word in missing:
            self._know(word, self.terms(word).all)

    def export(self, words: Iterable[str]) -> dict[str, str]:
        """The words' terms as plain data (word → "its own terms|its parts", space-separated): kept with an index,
        so that a reader knows every word of the texts it shows without working them out again (`remember`)."""
        return {
            word: " ".join(found.main) + "|" + " ".join(found.all[len(found.main) :])
            for word in words
            for found in (self.terms(word),)
        }

    def remember(self, exported: dict[str, str]) -> None:
        """Knows the words `export` gave, as if each had been looked up."""
        for word, value in exported.items():
            main, _, parts = value.partition("|")
            found = self._cache[word] = WordTerms(tuple(main.split()), tuple(parts.split()))
            self._know(word, found.main + found.parts)  # `found.all` without its lock (`cached_property`)

    def _know(self, word: str, terms: tuple[str, ...]) -> None:
        self._expanded[word] = terms
        for term in terms:
            self._by_term.setdefault(term, set()).add(word)
        self._by_fold.setdefault(fold(word), set()).add(word)

    def _terms(self, word: str) -> WordTerms:
        if not word or word in self.stopwords:
            return NOTHING
        if word.isdigit():
            return WordTerms((word,))
        if self.lang == "fi":
            bases, parts = _voikko_terms(word)
            if not bases:
                return WordTerms((self.stem(word),))
            if any(base in self.stopwords for base in bases) and len(bases) == 1:
                return NOTHING
            return WordTerms(tuple(bases), tuple(p for p in parts if p not in bases))
        main = self.stem(word)
        if self.lang == "sv" and len(word) >= MIN_COMPOUND:
            parts = [*(self._split(word, depth=0) or ()), *self._dictionary_parts(word)]
            parts = [p for p in dict.fromkeys(parts) if p != main]
            if parts:
                return WordTerms((main,), tuple(parts))
        return WordTerms((main,))

    def _dictionary_parts(self, word: str) -> list[str]:
        """The stems of a Swedish compound's parts by the dictionary, for the words the index was built with. Other
        words are not looked up when searched: that measured no better and costs milliseconds a word."""
        found = self.compounds.get(word, ())
        stems = (self.stem(part) for part in found if len(part) >= 2)
        return [stem for stem in stems if stem not in self.stopwords]

    def _known(self, word: str) -> str | None:
        """The stem of `word` if the catalogue uses it as a word of its own."""
        if len(word) < MIN_HEAD or word in self.stopwords:
            return None
        stem = self.stem(word)
        return stem if stem in self.lexicon and len(stem) >= MIN_HEAD else None

    def _split(self, word: str, depth: int) -> list[str] | None:
        """Swedish compound parts (stems), longest last part first; None if `word` is not a compound."""
        if depth > 3:
            return None
        for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            tail = self._known(word[cut:])
            if tail is None:
                continue
            head = word[:cut]
            for link in LINKS:
                if link and not head.endswith(link):
                    continue
                stem_of = head[: len(head) - len(link)] if link else head
                known = self._known(stem_of)
                if known:
                    return [known, tail]
                deeper = self._split(stem_of, depth + 1) if len(stem_of) >= MIN_COMPOUND else None
                if deeper:
                    return [*deeper, tail]
        return None


class TermsFilter(Filter):
    """A Whoosh filter that replaces each token by its terms (all at the same position and characters)."""

    def __init__(self, language: LanguageTerms) -> None:
        self.language = language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermsFilter) and self.language == other.language

    def __call__(self, tokens: Iterator) -> Iterator:
        word_terms = self.language.word_terms
        for token in tokens:
            for term in word_terms(token.text):
                token.text = term
                yield token


class FoldFilter(Filter):
    """Case and accent folding that keeps å, ä, ö."""

    def __call__(self, tokens: Iterator) -> Iterator:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def language_analyzer(language: LanguageTerms):
    return RegexTokenizer(WORD.pattern) | TermsFilter(language)


def names_analyzer():
    """Method names in any language: folded words, no stemming and no stop words, so "De otroliga åren",
    "Ihmeelliset vuodet" and "Incredible Years" are each found by their own words from any UI language."""
    return RegexTokenizer(WORD.pattern) | LowercaseFilter() | FoldFilter()


__all__ = ["LanguageTerms", "TermsFilter", "FoldFilter", "WordTerms", "fold", "words", "language_analyzer"]
