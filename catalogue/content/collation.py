"""Locale-aware sort keys for method names: Swedish and Finnish put å, ä, ö after z; English folds accents.

Python's default sort puts "Ö" before "a" and "Å" after "Z" by code point; `sort_key(name, lang)` orders
names as a reader of that language expects, without ICU: case and accents are ignored at first and only
break ties, so "abc" and "ABC" sit together and "Åsa" comes after "Zorro" in Swedish but next to "Asa"
in English.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

NORDIC_LAST = {"å": "z\uffff1", "ä": "z\uffff2", "ö": "z\uffff3"}
"""sv and fi: å, ä and ö are letters of their own, after every z-word (in that order)."""

NORDIC_VARIANTS = {"æ": "ä", "ø": "ö", "ü": "y"}
"""sv and fi: Danish æ and ø file as ä and ö, and ü as y."""

FOLDED_LETTERS = {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"}
"""Letters that Unicode decomposition does not reduce to a base letter."""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=4096)
def _base_letter(char: str, nordic: bool) -> str:
    if nordic:
        char = NORDIC_VARIANTS.get(char, char)
        if char in NORDIC_LAST:
            return NORDIC_LAST[char]
    return _strip_accents(FOLDED_LETTERS.get(char, char))


def _primary(text: str, lang: str) -> str:
    """The text as its base letters: what decides the order before case and accents do."""
    text = unicodedata.normalize("NFC", text.casefold())
    if text.isascii():
        return text
    nordic = lang in ("sv", "fi")
    return "".join([_base_letter(char, nordic) for char in text])


def sort_key(text: str, lang: str) -> tuple[str, str, str]:
    """A key that sorts `text` in `lang`'s alphabetical order (sv, fi or en; other codes sort as en).

    Primary: base letters (å, ä, ö after z in sv and fi); then accents; then case, lowercase first.
    Punctuation and spaces sort before letters, so "Lilla ABC" comes before "Lillabc".
    """
    primary = _primary(text, lang)
    secondary = unicodedata.normalize("NFC", text.casefold())
    tertiary = "".join("1" if char.isupper() else "0" for char in text)
    return (primary, secondary, tertiary)


__all__ = ["sort_key"]
