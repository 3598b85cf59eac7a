"""Which methods lack which language, and which translations are older than their siblings."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.content import LANGUAGES
from catalogue.content.loading import Catalogue


@dataclass(frozen=True)
class TranslationStatus:
    method_id: str
    missing: tuple[str, ...]
    outdated: tuple[str, ...]
    """Languages whose `reviewed` date is older than the newest of the method's files."""


def translation_status(catalogue: Catalogue) -> list[TranslationStatus]:
    statuses = []
    for method_id, method in sorted(catalogue.methods.items()):
        newest = method.reviewed
        missing = tuple(lang for lang in LANGUAGES if lang not in method.texts)
        outdated = tuple(lang for lang in method.translations if method.texts[lang].reviewed < newest)
        statuses.append(TranslationStatus(method_id, missing, outdated))
    return statuses
