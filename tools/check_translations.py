"""Every message of the site has a translation in sv and fi, none fuzzy, with the same %(placeholders)s as
the English (en is the source language)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
TRANSLATED = ("sv", "fi")


def problems() -> list[str]:
    found = []
    for lang in TRANSLATED:
        path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        for message in catalog:
            if not message.id:
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
    print(*issues, sep="\n") if issues else print(f"all messages translated in {', '.join(TRANSLATED)}")
    sys.exit(1 if issues else 0)
