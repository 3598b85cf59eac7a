"""Entry terms for the search (`content/concepts/<lang>.yaml`): the everyday words people use for a topic or an
age, in the spirit of PubMed's automatic term mapping. A search word that is an entry term also finds the
methods tagged with that topic (ranked below a direct match), or is read as the child's age.

    topics:
      behaviour_problems: [utbrott, trots, trotsålder, ilskeutbrott]
    ages:
      pregnancy: [gravid, väntar barn]
      "1-2": [tvååring, småbarn]

Checked like method files (`path:line: field: problem (fix)`): a topic or age band that is not in the
taxonomy, a term listed twice, and a term that looks like another language's (Voikko, where it is installed:
a Finnish term it does not know, or a Swedish or English term it reads as a Finnish compound) as a warning.
Words people really use that the check questions (slang, loan words) are confirmed in `checked_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from catalogue.content import LANGUAGES
from catalogue.content.documents import parse_yaml
from catalogue.content.problems import WARNING, Problem
from catalogue.content.taxonomy import Taxonomy

FOLDER = "concepts"


@dataclass(frozen=True)
class Concepts:
    topics: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """language → topic → entry terms."""
    ages: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """language → age band → entry terms."""
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """language → words that rank the methods that use them but are not required (who: "pappa"; how much:
    "för mycket"), so "pappa med depression" finds help for depression first."""


def load_concepts(content_dir: Path, taxonomy: Taxonomy) -> tuple[Concepts, list[Problem]]:
    concepts = Concepts()
    problems: list[Problem] = []
    for lang in LANGUAGES:
        path = Path(content_dir) / FOLDER / f"{lang}.yaml"
        if not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 1, "file", f"cannot be read: {exc}", "save it as UTF-8"))
            continue
        data, lines, found = parse_yaml(text, str(path))
        problems += found
        if data is None:
            continue
        checker = _FileChecker(path, lang, lines, taxonomy)
        if not isinstance(data, dict):
            problems.append(Problem(str(path), 1, "file", "must have `topics:` and `ages:`", "see the file's header"))
            continue
        for key in data:
            if key not in ("topics", "ages", "optional", "checked_words"):
                problems.append(
                    checker.problem((key,), "unknown field", "allowed here: ages, checked_words, optional, topics")
                )
        checked = data.get("checked_words") or []
        checker.checked = {str(word).lower() for word in checked} if isinstance(checked, list) else set()
        concepts.topics[lang] = checker.section(data.get("topics"), "topics", "topics")
        concepts.ages[lang] = checker.section(data.get("ages"), "ages", "age_bands")
        optional = data.get("optional")
        concepts.optional[lang] = (checker.words(optional, "optional") or ()) if optional is not None else ()
        problems += checker.problems
    return concepts, problems


class _FileChecker:
    def __init__(self, path: Path, lang: str, lines: dict[tuple, int], taxonomy: Taxonomy) -> None:
        self.path, self.lang, self.lines, self.taxonomy = path, lang, lines, taxonomy
        self.problems: list[Problem] = []
        self.seen: dict[str, str] = {}
        self.checked: set[str] = set()
        """Words an editor has confirmed that the language check would question (`checked_words`)."""

    def problem(self, where: tuple, message: str, fix: str, severity: str = "error") -> Problem:
        line = self.lines.get(where) or self.lines.get(where[:1], 1)
        name = ".".join(str(part) for part in where if not isinstance(part, int))
        index = next((f"[{part}]" for part in where if isinstance(part, int)), "")
        return Problem(str(self.path), line, name + index, message, fix, severity)

    def section(self, entries: Any, name: str, vocabulary: str) -> dict[str, tuple[str, ...]]:
        if entries is None:
            return {}
        if not isinstance(entries, dict):
            self.problems.append(self.problem((name,), "must be a group of `term: [entry terms]`", "see the header"))
            return {}
        known = self.taxonomy[vocabulary]
        result = {}
        for key, terms in entries.items():
            key = str(key)
            if key not in known:
                self.problems.append(
                    self.problem((name, key), f"'{key}' is not in the taxonomy", f"use one of: {', '.join(known)}")
                )
                continue
            found = self.words(terms, name, key)
            if found is not None:
                result[key] = found
        return result

    def words(self, terms: Any, *where: str) -> tuple[str, ...] | None:
        """A list of entry terms at `where`, normalised and checked; None (and a problem) when it is not a list."""
        if not isinstance(terms, list) or not all(isinstance(term, str) and term.strip() for term in terms):
            self.problems.append(self.problem(where, "must be a list of words", "e.g. [trots, utbrott]"))
            return None
        kept = []
        for index, term in enumerate(terms):
            term = " ".join(term.lower().split())
            if term in self.seen:
                self.problems.append(
                    self.problem(
                        (*where, index),
                        f"'{term}' is listed twice (also under {self.seen[term]})",
                        "keep it once, under what it most means",
                    )
                )
                continue
            self.seen[term] = where[-1]
            self._check_language(term, (*where, index))
            kept.append(term)
        return tuple(kept)

    def _check_language(self, term: str, where: tuple) -> None:
        voikko = _voikko()
        if voikko is None:
            return
        for word in term.split():
            if word in self.checked:
                continue
            if self.lang == "fi" and not voikko.spell(word):
                self.problems.append(
                    self.problem(where, f"Voikko does not know '{word}'", "check the spelling; is it Finnish?", WARNING)
                )
            elif self.lang != "fi" and len(_parts(voikko, word)) > 1:
                self.problems.append(
                    self.problem(where, f"'{word}' reads as a Finnish word", "move it to fi.yaml", WARNING)
                )


def _parts(voikko, word: str) -> list[str]:
    analyses = voikko.analyze(word)
    structure = analyses[0].get("STRUCTURE", "") if analyses else ""
    return [part for part in structure.split("=") if part]


@cache
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:  # Voikko or its Finnish dictionary is not installed: the language check is skipped
        return None
