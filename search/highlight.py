"""Snippets that show where the reader's words matched, as escaped HTML with <mark>…</mark>.

Words are compared through the same word-to-terms function the index uses, so an inflected form, a
compound containing the word or a synonym is marked too. The words to mark are worked out once per query and
language (`Marks`): the language's word-to-terms function knows every word of the index's texts (kept with the
index) and which of them have which terms, so a text's matching words are found with one set intersection. A
long text is cut to a fragment starting a few words before the first match, and is read a chunk at a time only
until that match.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import islice

from .analysis import WORD, LanguageTerms, fold
from .query import MatchedTerms

CONTEXT_WORDS = 14
"""Words shown before the first match in a long text; the fragment is twice as long."""
LONG_TEXT_CHARS = 400
"""Texts longer than this are cut to a fragment."""
CHUNK_CHARS = 1000
"""A long text is read this much at a time, until its first match."""
NOT_WORD = re.compile(r"\W")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Marks:
    """What a query marks in the texts of one language: words as written, and the starts of prefix searches."""

    words: frozenset[str]
    prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, matched: MatchedTerms, terms: LanguageTerms, lang: str) -> Marks:
        """The known words with a matched term or a matched name's folded form."""
        found = terms.words_with(matched.terms.get(lang, ()), matched.names)
        return cls(frozenset(found), tuple(sorted(matched.prefixes)))

    def found(self, words: set[str]) -> set[str]:
        """The words (as written) among `words` to mark."""
        found = words & self.words
        if self.prefixes:
            found |= {word for word in words - found if fold(word).startswith(self.prefixes)}
        return found


def highlight(text: str, marks: Marks) -> str | None:
    """`text` as HTML with the matched words marked (a fragment of a long text); None when nothing matched."""
    if len(text) > LONG_TEXT_CHARS:
        fragment = _fragment(text, marks)
        if fragment is None:
            return None
        begin, end, hits = fragment
    else:
        found = marks.found(set(WORD.findall(text)))
        if not found:
            return None
        begin, end = 0, len(text)
        hits = [m.span() for m in WORD.finditer(text) if m.group() in found]
    out, position = [], begin
    for start, stop in hits:
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        position = stop
    out.append(html.escape(text[position:end]))
    snippet = SPACES.sub(" ", "".join(out)).strip()
    return ("… " if begin > 0 else "") + snippet + (" …" if end < len(text) else "")


def _fragment(text: str, marks: Marks):
    """(begin, end, spans of the matched words) of a long text's fragment: from a few words before the first
    match to twice as many after it; None when nothing matched. The text is read a chunk at a time, only as
    far as the fragment goes."""
    position = 0
    while position < len(text):
        stop = _word_end(text, position + CHUNK_CHARS)
        found = marks.found(set(WORD.findall(text, position, stop)))
        if found:
            break
        position = stop
    else:
        return None
    first = next(m for m in WORD.finditer(text, position, stop) if m.group() in found).start()
    before = CONTEXT_WORDS // 2
    reach = 8 * before
    while True:  # the few words before the first match (reading back far enough to be sure of whole words)
        spans = [m.span() for m in WORD.finditer(text, max(0, first - reach), first)]
        if len(spans) > before or reach >= first:
            break
        reach *= 4
    begin = spans[-before][0] if len(spans) >= before else 0
    window = [m.span() for m in islice(WORD.finditer(text, first), 2 * CONTEXT_WORDS)]
    end = window[-1][1] if len(window) == 2 * CONTEXT_WORDS else len(text)
    found = marks.found({text[a:b] for a, b in window})
    return begin, end, [(a, b) for a, b in window if text[a:b] in found]


def _word_end(text: str, position: int) -> int:
    """The first position at or after `position` that is not inside a word (so a chunk ends between words)."""
    if position >= len(text):
        return len(text)
    gap = NOT_WORD.search(text, position)
    return gap.start() if gap else len(text)
