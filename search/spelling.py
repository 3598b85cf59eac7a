""" "Did you mean": corrections for the reader's raw words, from the words the catalogue uses.

A word is left alone when the catalogue has it (in any language) or when its stem, base form or parts
find something; otherwise the closest frequent word of the reader's language (or a method name) is offered.
"""

from __future__ import annotations

from functools import cached_property

from whoosh.spelling import ListCorrector


def distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count as one edit)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class Speller:
    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary

    @cached_property
    def _corrector(self) -> ListCorrector:
        return ListCorrector(sorted(self.vocabulary))

    def correct(self, word: str) -> str | None:
        """The best correction of a folded word, or None."""
        if len(word) < 3 or word.isdigit():
            return None
        maxdist = 1 if len(word) <= 4 else 2
        candidates = self._corrector.suggest(word, limit=20, maxdist=maxdist, prefix=1)
        if not candidates:
            return None
        return min(candidates, key=lambda c: (distance(word, c), -self.vocabulary.get(c, 0), c))
