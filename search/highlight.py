"""Snippets that show where the reader's words matched, as escaped HTML with <mark>…</mark>.

Words are compared through the same word-to-terms function the index uses, so an inflected form, a
compound containing the word or a synonym is marked too: the language's word-to-terms function keeps which
words have which terms, so a text's matching words are found with set operations. A long text is cut to a
fragment starting a few words before the first match.
"""

from __future__ import annotations

import html
import re
from itertools import islice

from .analysis import WORD, LanguageTerms, fold
from .query import MatchedTerms

CONTEXT_WORDS = 14
"""Words shown before the first match in a long text; the fragment is twice as long."""
LONG_TEXT_CHARS = 400
"""Texts longer than this are cut to a fragment."""


def matching_words(words: set[str], terms: LanguageTerms, matched: MatchedTerms, lang: str) -> set[str]:
    """The words (as written) among `words` that the query matched: by a term, a name or a prefix."""
    found = terms.matching(words, matched.terms.get(lang, set()), matched.names)
    if matched.prefixes:
        prefixes = tuple(matched.prefixes)
        found |= {word for word in words - found if fold(word).startswith(prefixes)}
    return found


def highlight(text: str, terms: LanguageTerms, matched: MatchedTerms, lang: str) -> str | None:
    """`text` as HTML with the matched words marked (a fragment of a long text); None when nothing matched."""
    words = WORD.findall(text)
    found = matching_words(set(words), terms, matched, lang)
    if not found:
        return None
    if len(text) > LONG_TEXT_CHARS:
        # from a few words before the first match to twice as many after it
        first = next(number for number, word in enumerate(words) if word in found)
        start = max(0, first - CONTEXT_WORDS // 2)
        spans = [m.span() for m in islice(WORD.finditer(text), start, first + 2 * CONTEXT_WORDS)]
        begin = spans[0][0] if first >= CONTEXT_WORDS // 2 else 0
        end = spans[-1][1] if len(spans) == first - start + 2 * CONTEXT_WORDS else len(text)
        hits = [span for span in spans[first - start :] if text[span[0] : span[1]] in found]
    else:
        begin, end = 0, len(text)
        hits = [m.span() for m in WORD.finditer(text) if m.group() in found]
    out, position = [], begin
    for start, stop in hits:
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        position = stop
    out.append(html.escape(text[position:end]))
    snippet = re.sub(r"\s+", " ", "".join(out)).strip()
    return ("… " if begin > 0 else "") + snippet + (" …" if end < len(text) else "")
