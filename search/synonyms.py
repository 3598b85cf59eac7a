"""Editors' synonym lists (`content/synonyms/{lang}.txt`): a search for one word of a group also finds the others.

One group per line, words or phrases separated by commas; `#` starts a comment. Matching is by the words'
index terms, so "tantrums" matches a group listing "tantrum", and "vanhemman" one listing "vanhempi".
"""

from __future__ import annotations

from pathlib import Path

from catalogue.content import LANGUAGES


class SynonymError(Exception):
    """A synonyms file cannot be read."""


def parse_synonyms(text: str) -> list[list[str]]:
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        group = [" ".join(item.split()) for item in line.split(",")]
        group = [item for item in dict.fromkeys(group) if item]
        if len(group) > 1:
            groups.append(group)
    return groups


def load_synonyms(content_dir: Path) -> dict[str, list[list[str]]]:
    """Every language's groups; a missing file means no synonyms for that language."""
    synonyms = {}
    for lang in LANGUAGES:
        path = Path(content_dir) / "synonyms" / f"{lang}.txt"
        try:
            synonyms[lang] = parse_synonyms(path.read_text(encoding="utf-8")) if path.exists() else []
        except (OSError, UnicodeDecodeError) as exc:
            raise SynonymError(f"{path}: cannot be read: {exc}") from exc
    return synonyms
