"""What a reader asks for: `SearchRequest`, parsed leniently from web or API query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from catalogue.content import LANGUAGES
from catalogue.content.taxonomy import Taxonomy, load_taxonomy

from .facets import AGES, FACETS, facet_vocabulary, is_whole_number

SORTS = ("relevance", "evidence", "name", "reviewed")
PARAMETERS = frozenset({"q", "sort", "page", "per_page", "plain", *FACETS})
"""The query parameters `SearchRequest.from_args` reads."""
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 500
DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content"


EARLIER_AGE_BANDS = {"0-1": "0", "1-3": "1-2", "3-6": "3-5", "7-12": "6-12"}
"""The overlapping bands of addresses made before December 2026, read as the band that starts at the same age."""


class BadParameter(ValueError):
    """A query parameter whose value cannot mean anything: the caller answers 400 with this message."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    lang: str
    q: str = ""
    evidence: tuple[str, ...] = ()
    age: tuple[str, ...] = ()
    need: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    training: tuple[str, ...] = ()
    """Countries where staff can be trained ("FI"), or a language of training there ("sv-FI")."""
    family_cost: tuple[str, ...] = ()
    sort: str | None = None
    """relevance, evidence, name or reviewed; None: relevance with a query, name without."""
    plain: tuple[str, ...] = ()
    """Readings of the words the reader turned off: `age` (an age in the words), or a topic id (an everyday
    word read as that topic). The words are then searched as typed."""
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise BadParameter("lang", f"'{self.lang}' is not a site language ({', '.join(LANGUAGES)})")
        for facet in (*FACETS, "plain"):
            value = getattr(self, facet)
            object.__setattr__(self, facet, (value,) if isinstance(value, str) else tuple(value))
        if self.sort is not None and self.sort not in SORTS:
            raise BadParameter("sort", f"'{self.sort}' is not a sort order; use one of: {', '.join(SORTS)}")
        for name, highest in (("page", MAX_PAGE), ("per_page", MAX_PER_PAGE)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= highest:
                raise BadParameter(name, f"must be a whole number from 1 to {highest}")
        object.__setattr__(self, "q", (self.q or "")[:MAX_QUERY_CHARS])

    @property
    def selections(self) -> dict[str, tuple[str, ...]]:
        """The facets with at least one value ticked."""
        return {facet: getattr(self, facet) for facet in FACETS if getattr(self, facet)}

    def effective_sort(self, has_query: bool) -> str:
        if self.sort is None or (self.sort == "relevance" and not has_query):
            return "relevance" if has_query else "name"
        return self.sort

    @classmethod
    def from_args(cls, lang: str, args: Mapping[str, Any], taxonomy: Taxonomy | None = None) -> SearchRequest:
        """A request from query parameters (`{name: [values]}`, e.g. `request.args.to_dict(flat=False)`).

        Lenient: unknown parameters and empty values are ignored, facet values may repeat or be
        comma-separated, surrounding spaces are dropped. Raises BadParameter for a value that cannot mean
        anything: an unknown sort, a page that is not a positive whole number, a facet term that is not in
        the taxonomy (`taxonomy`, by default the one in the repository's content folder), an impossible age.
        """
        vocabulary = facet_vocabulary(taxonomy) if taxonomy is not None else _default_vocabulary()

        def values(name: str) -> list[str]:
            raw = args.get(name, ())
            items = [raw] if isinstance(raw, str) else list(raw)
            return [part.strip() for item in items for part in str(item).split(",") if part.strip()]

        wanted: dict[str, Any] = {"lang": lang}
        query = values_joined(args.get("q", ()))
        if query:
            wanted["q"] = query
        for facet, allowed in vocabulary.items():
            chosen = list(dict.fromkeys(values(facet)))
            if facet == "age":
                chosen = list(dict.fromkeys(EARLIER_AGE_BANDS.get(value, value) for value in chosen))
            for value in chosen:
                if facet == "age" and is_whole_number(value):
                    if int(value) not in AGES:
                        raise BadParameter("age", f"{value} is not an age in years from {AGES.start} to {AGES[-1]}")
                elif value not in allowed:
                    raise BadParameter(facet, f"'{value[:40]}' is not a known value; use one of: {', '.join(allowed)}")
            wanted[facet] = tuple(chosen)
        sort = values("sort")
        if sort:
            wanted["sort"] = sort[-1]
        plain = [value for value in dict.fromkeys(values("plain")) if value == "age" or value in vocabulary["topic"]]
        if plain:
            wanted["plain"] = tuple(plain)
        for name in ("page", "per_page"):
            given = values(name)
            if given:
                if not is_whole_number(given[-1]) or len(given[-1]) > 6:
                    raise BadParameter(name, f"'{given[-1][:20]}' is not a whole number")
                wanted[name] = int(given[-1])
        return cls(**wanted)

    def to_args(self) -> dict[str, list[str]]:
        """The parameters that give this request back (for links: next page, remove a filter)."""
        args: dict[str, list[str]] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "lang" or value in ((), "", None) or value == item.default:
                continue
            args[item.name] = list(value) if isinstance(value, tuple) else [str(value)]
        return args


def values_joined(raw: Any) -> str:
    items = [raw] if isinstance(raw, str) else list(raw)
    return " ".join(str(item) for item in items).strip()


@lru_cache(maxsize=1)
def _default_vocabulary() -> dict[str, list[str]]:
    return facet_vocabulary(load_taxonomy(DEFAULT_CONTENT))
