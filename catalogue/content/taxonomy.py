"""The controlled vocabularies (`content/taxonomy.yaml`) and the rating-to-level mapping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

VOCABULARIES = (
    "levels",
    "need",
    "sectors",
    "topics",
    "kinds",
    "formats",
    "languages",
    "age_bands",
    "countries",
    "professions",
    "family_costs",
    "registries",
)
"""Every vocabulary in the taxonomy file; each term has a label and a description per language."""


class TaxonomyError(Exception):
    """The taxonomy file itself is broken: nothing can be checked without it."""


@dataclass(frozen=True)
class Taxonomy:
    terms: dict[str, dict[str, dict[str, Any]]]
    rating_map: dict[str, dict[str, str]]
    nordic_registries: tuple[str, ...] = ()
    """Registries whose rating counts first, in this order (`rating_order.nordic`)."""

    def __getitem__(self, vocabulary: str) -> dict[str, dict[str, Any]]:
        return self.terms[vocabulary]

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        entry = self.terms[vocabulary].get(term)
        return entry["label"][lang] if entry else term

    def description(self, vocabulary: str, term: str, lang: str) -> str:
        entry = self.terms[vocabulary].get(term)
        return entry["description"][lang] if entry else ""

    def level_of(self, registry: str, rating: str) -> str | None:
        """The level a registry's published rating gives, or None when the table has no entry."""
        table = self.rating_map.get(registry, {})
        wanted = rating.strip().casefold()
        return next((level for text, level in table.items() if text.casefold() == wanted), None)

    @property
    def level_order(self) -> list[str]:
        """Levels strongest first, as listed in the file."""
        return list(self.terms["levels"])

    def age_bands_for(self, age_from: int, age_to: int, prenatal: bool) -> list[str]:
        """The age bands a method's age range touches."""
        bands = []
        for band, entry in self.terms["age_bands"].items():
            if entry.get("prenatal"):
                if prenatal:
                    bands.append(band)
            elif age_from <= entry["to"] and age_to >= entry["from"]:
                bands.append(band)
        return bands


def load_taxonomy(content_dir: Path) -> Taxonomy:
    path = content_dir / "taxonomy.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: must be a mapping of vocabularies")
    from catalogue.content import LANGUAGES

    terms: dict[str, dict[str, dict[str, Any]]] = {}
    for vocabulary in VOCABULARIES:
        entries = data.get(vocabulary)
        if not isinstance(entries, dict) or not entries:
            raise TaxonomyError(f"{path}: {vocabulary}: missing or empty")
        for term, entry in entries.items():
            for part in ("label", "description"):
                texts = entry.get(part) if isinstance(entry, dict) else None
                missing = [lang for lang in LANGUAGES if not (isinstance(texts, dict) and texts.get(lang))]
                if missing:
                    raise TaxonomyError(f"{path}: {vocabulary}.{term}.{part}: missing in {', '.join(missing)}")
        terms[vocabulary] = {str(term): entry for term, entry in entries.items()}
    rating_map = {
        str(reg): {str(k): str(v) for k, v in table.items()} for reg, table in (data.get("rating_map") or {}).items()
    }
    for registry, table in rating_map.items():
        if registry not in terms["registries"]:
            raise TaxonomyError(f"{path}: rating_map.{registry}: not a registry listed under `registries`")
        for rating, level in table.items():
            if level not in terms["levels"]:
                raise TaxonomyError(f"{path}: rating_map.{registry}.{rating}: '{level}' is not a level")
    nordic = (data.get("rating_order") or {}).get("nordic") or []
    unknown = [registry for registry in nordic if registry not in terms["registries"]]
    if unknown:
        raise TaxonomyError(
            f"{path}: rating_order.nordic: {', '.join(map(str, unknown))} not listed under `registries`"
        )
    return Taxonomy(terms=terms, rating_map=rating_map, nordic_registries=tuple(nordic))


def load_config(content_dir: Path) -> dict[str, Any]:
    """The checks' settings (`content/config.yaml`); an absent file means the defaults."""
    path = content_dir / "config.yaml"
    if not path.exists():
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot be read: {exc}") from exc
