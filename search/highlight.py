"""Snippets that show where the reader's words matched, as escaped HTML with <mark>…</mark>.

Words are compared through the same word-to-terms function the index uses, so an inflected form, a
compound containing the word or a synonym is marked too. A long text is cut to a fragment starting a few
words before the first match, and is read only as far as that fragment goes.
"""

from __future__ import annotations

import html
import re

from .analysis import WORD, LanguageTerms, fold
from .query import MatchedTerms

CONTEXT_WORDS = 14
"""Words shown before the first match in a long text; the fragment is twice as long."""
LONG_TEXT_CHARS = 400
"""Texts longer than this are cut to a fragment."""


def _matcher(terms: LanguageTerms, matched: MatchedTerms, lang: str):
    wanted = matched.terms.get(lang, set())
    memo = matched.memo.setdefault(lang, {})

    def is_match(word: str) -> bool:
        found = memo.get(word)
        if found is None:
            folded = fold(word)
            found = (
                folded in matched.names
                or any(term in wanted for term in terms.terms(word).all)
                or any(folded.startswith(prefix) for prefix in matched.prefixes)
            )
            memo[word] = found
        return found

    return is_match


def highlight(text: str, terms: LanguageTerms, matched: MatchedTerms, lang: str) -> str | None:
    """`text` as HTML with the matched words marked (a fragment of a long text); None when nothing matched."""
    is_match = _matcher(terms, matched, lang)
    long = len(text) > LONG_TEXT_CHARS
    recent: list[tuple[int, int]] = []  # spans of the last CONTEXT_WORDS words, for the fragment's start
    hits: list[tuple[int, int]] = []
    begin, end = 0, len(text)
    words_after = None
    for match in WORD.finditer(text):
        span = match.span()
        if is_match(match.group()):
            if not hits and long:
                begin = (recent[-CONTEXT_WORDS // 2] if len(recent) >= CONTEXT_WORDS // 2 else (0, 0))[0]
                words_after = 2 * CONTEXT_WORDS
            hits.append(span)
        if words_after is not None:
            words_after -= 1
            if words_after <= 0:
                end = span[1]
                break
        elif long:
            recent.append(span)
            if len(recent) > CONTEXT_WORDS:
                del recent[0]
    if not hits:
        return None
    out, position = [], begin
    for start, stop in hits:
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        position = stop
    out.append(html.escape(text[position:end]))
    snippet = re.sub(r"\s+", " ", "".join(out)).strip()
    return ("… " if begin > 0 else "") + snippet + (" …" if end < len(text) else "")
