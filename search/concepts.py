"""Everyday words read as what they mean: a topic (`content/concepts/<lang>.yaml` → the methods tagged with it)
or the child's age ("tvååring", "2-vuotias", "two year old", "gravid", "baby").

`AgeReader.read(text)` takes the age out of what was typed and says what it found; the age then ranks the
methods for that age first, without removing the others. Entry terms for topics are matched like synonyms
(by their words' stems and base forms) in `search.query`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from catalogue.content import LANGUAGES
from catalogue.content.loading import Catalogue

from .analysis import LanguageTerms, fold, words

NUMBER_WORDS = {
    "sv": ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv", "tretton",
           "fjorton", "femton", "sexton", "sjutton"],
    "fi": ["nolla", "yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan", "yhdeksän",
           "kymmenen", "yksitoista", "kaksitoista", "kolmetoista", "neljätoista", "viisitoista", "kuusitoista",
           "seitsemäntoista"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"],
}  # fmt: skip
"""Number words 0–17: "tvååring", "kaksivuotias", "two-year-old"."""

YEARS = {
    "sv": r"(?:[ -]?åring\w*|[ -]år(?:[ -]gammal)?\b|[ -]årig\w*)",
    "fi": r"(?:[ -]?vuotia\w*|[ -]?v\b|[ -]vuoden ikäi\w*)",
    "en": r"(?:[ -]?years?[ -]old\w*|[ -]?yr?s?[ -]old\w*|[ -]?yo\b)",
}
MONTHS = {
    "sv": r"[ -]?(?:månader|månad|mån)(?:[ -]gammal)?\b",
    "fi": r"[ -]?(?:kuukautta|kuukauden|kk)(?:[ -]ikäi\w*|[ -]vanha\w*)?\b",
    "en": r"[ -]?(?:months?|mo)[ -]?old\b|[ -]?months?\b",
}
MAX_YEARS = 17


@dataclass(frozen=True)
class AgeHint:
    """What the words said about the child: an age in years, or an age band (including pregnancy)."""

    words: str
    """The words it was read from, as typed."""
    years: int | None = None
    band: str | None = None


def concept_entries(catalogue: Catalogue) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Per language, the entry terms of topics and ages, as the index's metadata keeps them."""
    concepts = catalogue.concepts
    return {
        lang: {
            "topics": {topic: list(terms) for topic, terms in concepts.topics.get(lang, {}).items()},
            "ages": {band: list(terms) for band, terms in concepts.ages.get(lang, {}).items()},
            "optional": list(concepts.optional.get(lang, ())),
        }
        for lang in LANGUAGES
    }


ENTRY_WORD_COUNT = 2
"""How often an entry term's word counts in the "did you mean" vocabulary when the texts never use it."""


def add_concept_words(vocabulary: dict[str, dict[str, int]], catalogue: Catalogue) -> None:
    """Entry terms' words join each language's "did you mean" vocabulary, so "huoltajuskiista" is corrected to
    "huoltajuuskiista" even when no method's text uses that word."""
    for lang in LANGUAGES:
        known = vocabulary.setdefault(lang, {})
        entries = [*catalogue.concepts.topics.get(lang, {}).values(), *catalogue.concepts.ages.get(lang, {}).values()]
        for terms in entries:
            for term in terms:
                for word in words(term):
                    folded = fold(word)
                    if not folded.isdigit():
                        known[folded] = max(known.get(folded, 0), ENTRY_WORD_COUNT)


class EntryTerms:
    """Entry terms (each one or more words) → what they stand for, matched by the words' stems and base forms."""

    def __init__(self, terms: LanguageTerms, entries: dict[str, Sequence[str]]) -> None:
        self.terms = terms
        self.entries: list[tuple[tuple[frozenset[str], ...], str]] = []
        self._by_first: dict[str, list[int]] = {}
        for meaning, items in entries.items():
            for item in items:
                keys = tuple(self.key(word) for word in words(item))
                if not keys:
                    continue
                for term in keys[0]:
                    self._by_first.setdefault(term, []).append(len(self.entries))
                self.entries.append((keys, meaning))

    def key(self, word: str) -> frozenset[str]:
        return frozenset(self.terms.terms(word).main) or frozenset((fold(word),))

    def at(self, plain: Sequence[str], start: int) -> tuple[int, str] | None:
        """The longest entry matching the words from `start`: (its number of words, what it stands for)."""
        first = self.key(plain[start])
        candidates = sorted({n for term in first for n in self._by_first.get(term, ())})
        if not candidates:
            return None
        keys = [first, *(self.key(word) for word in plain[start + 1 :])]
        best = None
        for number in candidates:
            entry, meaning = self.entries[number]
            longer = best is None or len(entry) > best[0]
            if longer and len(entry) <= len(keys) and all(a & b for a, b in zip(keys, entry, strict=False)):
                best = (len(entry), meaning)
        return best


class AgeReader:
    """Finds the child's age in a query of one language and takes it out."""

    def __init__(self, lang: str, terms: LanguageTerms, entries: dict[str, Sequence[str]]) -> None:
        numbers = "|".join(sorted(NUMBER_WORDS[lang], key=len, reverse=True))
        self.numeric = re.compile(rf"(?<!\w)(\d{{1,2}}|{numbers})(?:{YEARS[lang]})", re.IGNORECASE)
        self.months = re.compile(rf"(?<!\w)(\d{{1,2}})(?:{MONTHS[lang]})", re.IGNORECASE)
        self.values = {word: number for number, word in enumerate(NUMBER_WORDS[lang])}
        self.entries = EntryTerms(terms, entries)

    def read(self, text: str) -> tuple[str, AgeHint | None]:
        """`text` without the age, and the age (None when it says none)."""
        for pattern, scale in ((self.months, 12), (self.numeric, 1)):
            match = pattern.search(text)
            if match:
                number = match.group(1).lower()
                value = int(number) if number.isdigit() else self.values.get(number)
                if value is not None and value // scale <= MAX_YEARS:
                    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
                    return rest, AgeHint(match.group(0).strip(), years=value // scale)
        plain = words(text)
        for start in range(len(plain)):
            found = self.entries.at(plain, start)
            if found:
                size, band = found
                said = plain[start : start + size]
                return _without(text, said), AgeHint(" ".join(said), band=band)
        return text, None


def _without(text: str, said: Sequence[str]) -> str:
    """The text with the first run of these words taken out (whatever punctuation stands between them)."""
    pattern = r"[\W_]+".join(re.escape(word) for word in said)
    return re.sub(rf"(?i)(?<!\w){pattern}(?!\w)", " ", text, count=1).strip()
