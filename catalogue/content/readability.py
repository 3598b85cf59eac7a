"""Readability measures for plain-language summaries.

- LIX (Björnsson 1968), used in Swedish and, with a higher limit, in Finnish:
  words per sentence + 100 × share of words longer than six letters.
- Flesch–Kincaid grade level for English:
  0.39 × words per sentence + 11.8 × syllables per word − 15.59.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences end in . ! ? or …; a text without any is one sentence."""
    return max(1, len(_SENTENCE_END.findall(text.strip())))


def lix(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for word in found if len(word) > 6)
    return len(found) / sentence_count(text) + 100 * long_words / len(found)


def english_syllables(word: str) -> int:
    """An estimate good enough for a grade level: vowel groups, less a silent final e."""
    word = word.lower().strip("'’")
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_kincaid_grade(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    syllables = sum(english_syllables(word) for word in found)
    return 0.39 * len(found) / sentence_count(text) + 11.8 * syllables / len(found) - 15.59


MEASURES = {"lix": lix, "flesch_kincaid_grade": flesch_kincaid_grade}
