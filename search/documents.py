"""From the validated catalogue to index documents: one per method per site language.

A reader of every language finds every method: a method without a text in the reader's language is indexed
for that language with the nearest translation (`method.text(lang)`), and the document records the text's
real language. Every name of the method, in every language, is searchable from every language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from catalogue.content import LANGUAGES
from catalogue.content.collation import sort_key
from catalogue.content.loading import Catalogue
from catalogue.content.model import Method

from .analysis import LanguageTerms, fold, words
from .facets import training_in
from .schema import TOPIC_FIELD, field

MARKDOWN_LINK = re.compile(r"(?:!\[|\[)([^\]]*)\]\([^)]*\)")
LINE_MARK = r"\s{0,3}(?:#{1,6}|[-*+>]|\d+\.)\s+"
"""A heading or list mark at the start of a line."""
FIRST_LINE_MARK = re.compile(r"\A" + LINE_MARK)
MARKDOWN_MARKUP = re.compile(r"[\n*_`<](?:(?<=\n)" + LINE_MARK + r"|(?<=[*_`])[*_`]*|(?<=<)[^>]+>)")
"""A line mark after a newline, emphasis marks, an HTML tag: each alternative is chosen by its first character
(several times faster than trying every alternative at every character)."""


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: link texts kept, markup dropped."""
    text = MARKDOWN_LINK.sub(r"\1", markdown)
    text = FIRST_LINE_MARK.sub(" ", text, count=1)
    text = MARKDOWN_MARKUP.sub(lambda m: "\n" if m.group()[0] == "\n" else " ", text)
    return _single_newlines(text).strip()


def _single_newlines(text: str) -> str:
    """Every run of spaces, tabs and newlines with a newline in it as one newline (blank lines dropped)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    middle = [line.strip(" \t") for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(" \t"), *[line for line in middle if line], lines[-1].lstrip(" \t")])


@dataclass
class IndexDocument:
    fields: dict[str, Any]
    """What Whoosh indexes (and stores for snippets)."""
    record: dict[str, Any]
    """The language-neutral facts the search filters, counts and sorts by; kept beside the index."""


def method_documents(method: Method) -> Iterator[IndexDocument]:
    names = " | ".join(method.all_names)
    for ui in LANGUAGES:
        text = method.text(ui)
        title = text.title
        summary = "\n".join(part for part in (text.summary, text.parent_summary) if part)
        body = "\n".join(part for part in (plain_text(text.body), text.training) if part)
        fields = {
            "key": f"{method.id}/{ui}",
            "names": names,
            field("head", text.lang): "\n".join((title, *text.aliases)),
            field("summary", text.lang): summary,
            field("body", text.lang): body,
            "stored": {"title": title, "summary": text.summary, "body": body},
            TOPIC_FIELD: " ".join(method.topics),
        }
        record = {
            "id": method.id,
            "ui": ui,
            "lang": text.lang,
            "title": title,
            "sort_name": list(sort_key(title, ui)),
            "level": method.level,
            "reviewed": method.reviewed.isoformat(),
            "age": [method.age.start, method.age.end, method.age.prenatal],
            "evidence": [method.level],
            "age_band": list(method.age_bands),
            "need": list(method.need),
            "sector": list(method.sectors),
            "topic": list(method.topics),
            "outcome": list(method.outcomes.shown) if method.outcomes else [],
            "format": list(method.format),
            "language": list(method.languages),
            "training": _training(method),
            "family_cost": _family_cost(method),
        }
        yield IndexDocument(fields, record)


def _training(method: Method) -> list[str]:
    """The countries where a source names who trains staff, and each language of training there."""
    offers = method.implementation.countries if method.implementation else ()
    return [
        value
        for offer in offers
        if offer.trained_by or offer.training_languages
        for value in (
            training_in(offer.country),
            *(training_in(offer.country, lang) for lang in offer.training_languages),
        )
    ]


def _family_cost(method: Method) -> list[str]:
    cost = method.implementation.cost if method.implementation else None
    return [cost.families] if cost and cost.families else []


def catalogue_documents(catalogue: Catalogue) -> Iterator[IndexDocument]:
    for method_id in sorted(catalogue.methods):
        yield from method_documents(catalogue.methods[method_id])


def _folded_counts(texts: Iterable[str]) -> Counter[str]:
    """The texts' words (not numbers), folded, with their counts (counted as written first: most words repeat)."""
    written: Counter[str] = Counter()
    for text in texts:
        written.update(words(text))
    counts: Counter[str] = Counter()
    for word, count in written.items():
        if not word.isdigit():
            counts[fold(word)] += count
    return counts


def swedish_words(documents: list[IndexDocument]) -> set[str]:
    """The Swedish words the catalogue uses, folded."""
    written: set[str] = set()
    for doc in documents:
        for part in ("head", "summary", "body"):
            written.update(words(doc.fields.get(field(part, "sv"), "")))
    return {fold(w) for w in written if not w.isdigit()}


def shown_words(documents: list[IndexDocument]) -> dict[str, list[str]]:
    """Per text language, every word (as written) of the texts the snippets show: a text shared by several site
    languages is read once."""
    texts: dict[tuple[str, str], str] = {}
    for doc in documents:
        texts.setdefault((doc.record["id"], doc.record["lang"]), " ".join(doc.fields["stored"].values()))
    written: dict[str, set[str]] = {}
    for (_, lang), text in texts.items():
        written.setdefault(lang, set()).update(words(text))
    return {lang: sorted(found) for lang, found in written.items()}


def swedish_lexicon(folded: set[str]) -> set[str]:
    """Stems of the Swedish words the catalogue uses: the parts a Swedish compound may be split into."""
    plain = LanguageTerms("sv")
    return {plain.stem(w) for w in folded if len(w) >= 3 and w not in plain.stopwords}


def spelling_vocabulary(documents: list[IndexDocument]) -> dict[str, dict[str, int]]:
    """Per site language, every word a reader of it can find, with its frequency: the "did you mean" list."""
    return {
        ui: dict(
            _folded_counts(
                (
                    value
                    for doc in documents
                    if doc.record["ui"] == ui
                    for name, value in doc.fields.items()
                    if name not in ("key", "stored", TOPIC_FIELD)
                )
            )
        )
        for ui in LANGUAGES
    }
