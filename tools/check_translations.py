"""Every message of the site has a translation in sv and fi, and every message of the parents' pages one in the
parents' languages (ar, so, fa, uk, ru); none fuzzy, with the same %(placeholders)s as the English (en is the
source language).

The parents' pages in the parents' languages are made only from the files in PARENT_SOURCES (their own layout and
templates, the parents' words and the child's age), so their messages are exactly the messages in those files;
the other messages of the same catalogs (the professionals' pages) stay untranslated there. A test renders the
parents' pages in each parents' language and finds no English message in them (tests/test_parents_languages.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TRANSLATED = ("sv", "fi")
"""Every message is translated in these."""
PARENT_LANGUAGES = ("ar", "so", "fa", "uk", "ru")
"""The parents' messages are translated in these (catalogue.content.PARENT_LANGUAGES)."""
PARENT_SOURCES = (
    "templates/parents/*.html",
    "catalogue/web/site/parents.py",
    "catalogue/web/site/child_age.py",
)
"""The files the parents' pages in the parents' languages are rendered from (page.html has no messages)."""
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
METHODS = {".html": "jinja2.ext:babel_extract", ".py": "python"}


def parents_messages() -> set[str]:
    """The msgids (the singular, for plurals) of every message in PARENT_SOURCES."""
    found = set()
    for pattern in PARENT_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for _line, message, _comments, _context in extract_from_file(METHODS[path.suffix], path, KEYWORDS):
                found.add(message[0] if isinstance(message, tuple) else message)
    return found


def problems() -> list[str]:
    found = []
    wanted = parents_messages()
    for lang in TRANSLATED + PARENT_LANGUAGES:
        path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        required = None if lang in TRANSLATED else wanted
        for message in catalog:
            singular = message.id[0] if isinstance(message.id, tuple) else message.id
            if not message.id or (required is not None and singular not in required):
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{path}: fuzzy (check it, then delete the fuzzy flag): {message.id!r}")
            elif not all(strings):
                found.append(f"{path}: not translated: {message.id!r}")
        for message, errors in catalog.check():
            found.extend(f"{path}: {error}: {message.id!r}" for error in errors)
    return found


if __name__ == "__main__":
    issues = problems()
    if issues:
        print(*issues, sep="\n")
    else:
        print(
            f"all messages translated in {', '.join(TRANSLATED)}; the parents' pages' {len(parents_messages())}"
            f" messages in {', '.join(PARENT_LANGUAGES)}"
        )
    sys.exit(1 if issues else 0)
