"""The whole catalogue in one file: JSON (every method, whole) and CSV for spreadsheets.

The CSV opens correctly in Excel: UTF-8 with a byte order mark, one row per method, one column per fact,
lists joined with "; ". Facts are labels in the requested language (the JSON has the taxonomy terms).
Ranges use an en dash ("18–20"), which spreadsheets do not mistake for a date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from catalogue.content.loading import Catalogue
from catalogue.content.model import Method
from catalogue.content.taxonomy import Taxonomy
from catalogue.web.api.resources import EXPORT, Everything, Reading

LIST_SEPARATOR = "; "
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these would run as a formula in a spreadsheet: it gets a leading '."""


def readings(catalogue: Catalogue, lang: str) -> list[Reading]:
    """Every method, sorted by id, as a reader of `lang` gets it."""
    return [Reading(catalogue.methods[method_id], lang) for method_id in sorted(catalogue.methods)]


def export_json(everything: list[Reading], lang: str) -> dict[str, Any]:
    return EXPORT.dump(Everything(lang, everything))


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def _span(bounds: tuple[int, int] | None) -> str:
    if bounds is None:
        return ""
    low, high = bounds
    return str(low) if low == high else f"{low}–{high}"


def _duration(method: Method, part: str) -> str:
    return _span(getattr(method.duration, part)) if method.duration else ""


def _countries(method: Method) -> tuple:
    return method.implementation.countries if method.implementation else ()


def _family_cost(method: Method, taxonomy: Taxonomy, lang: str) -> str:
    cost = method.implementation.cost if method.implementation else None
    return taxonomy.label("family_costs", cost.families, lang) if cost and cost.families else ""


def _training(method: Method, part: str) -> Any:
    """A staff-training fact as stated (days, hours; certification as yes or no); empty when not stated."""
    training = method.implementation.training if method.implementation else None
    value = getattr(training, part) if training else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def _provider_costs(method: Method) -> str:
    cost = method.implementation.cost if method.implementation else None
    return _joined(
        f"{item.item}: {item.amount} {item.currency}{f' / {item.per}' if item.per else ''}"
        f"{f' ({item.year})' if item.year else ''}"
        if item.amount is not None
        else f"{item.item}: amount not stated"
        for item in (cost.provider if cost else ())
    )


def _columns(taxonomy: Taxonomy) -> list[tuple[str, Callable[[Reading], Any]]]:
    """(header, value) per column; the headers are stable English names, the values in the reader's language."""

    def labels(vocabulary: str, attribute: str) -> Callable[[Reading], str]:
        return lambda r: _joined(taxonomy.label(vocabulary, term, r.lang) for term in getattr(r.method, attribute))

    def rating(r: Reading) -> str:
        return _joined(
            f"{taxonomy.label('registries', x.registry, r.lang)}: {x.rating} ({x.date or '–'})"
            for x in r.method.ratings
        )

    def contact(part: str) -> Callable[[Reading], str]:
        return lambda r: getattr(r.text.contact, part) if r.text.contact else ""

    return [
        ("id", lambda r: r.method.id),
        ("language_of_text", lambda r: r.text.lang),
        ("title", lambda r: r.text.title),
        ("aliases", lambda r: _joined(r.text.aliases)),
        ("summary", lambda r: r.text.summary),
        ("parent_summary", lambda r: r.text.parent_summary),
        ("kind", lambda r: taxonomy.label("kinds", r.method.kind, r.lang)),
        ("evidence_level", lambda r: taxonomy.label("levels", r.method.level, r.lang)),
        ("ratings", rating),
        ("rating_urls", lambda r: _joined(x.url for x in r.method.ratings)),
        ("age_from", lambda r: r.method.age.start),
        ("age_to", lambda r: r.method.age.end),
        ("from_pregnancy", lambda r: "yes" if r.method.age.prenatal else "no"),
        ("age_bands", labels("age_bands", "age_bands")),
        ("need", labels("need", "need")),
        ("sectors", labels("sectors", "sectors")),
        ("topics", labels("topics", "topics")),
        ("format", labels("formats", "format")),
        ("delivery_languages", labels("languages", "languages")),
        ("sessions", lambda r: _duration(r.method, "sessions")),
        ("session_minutes", lambda r: _duration(r.method, "session_minutes")),
        ("weeks", lambda r: _duration(r.method, "weeks")),
        ("website", lambda r: r.method.website),
        ("references", lambda r: _joined(f"{x.title} ({x.year}) {x.link}" for x in r.method.references)),
        ("sources", lambda r: _joined(x.url for x in r.method.sources)),
        ("training", lambda r: r.text.training),
        ("offered_in", lambda r: _joined(taxonomy.label("countries", c.country, r.lang) for c in _countries(r.method))),
        (
            "trained_in",
            lambda r: _joined(
                taxonomy.label("countries", c.country, r.lang) for c in _countries(r.method) if c.trained_by
            ),
        ),
        ("training_days", lambda r: _training(r.method, "days")),
        ("training_hours", lambda r: _training(r.method, "hours")),
        ("leaders_certified", lambda r: _training(r.method, "certification")),
        ("cost_to_families", lambda r: _family_cost(r.method, taxonomy, r.lang)),
        ("cost_to_provider", lambda r: _provider_costs(r.method)),
        (
            "materials_languages",
            lambda r: (
                _joined(
                    taxonomy.label("languages", code, r.lang) for code in r.method.implementation.materials.languages
                )
                if r.method.implementation and r.method.implementation.materials
                else ""
            ),
        ),
        ("contact_organisation", contact("organisation")),
        ("contact_url", contact("url")),
        ("contact_email", contact("email")),
        ("reviewed", lambda r: r.text.reviewed.isoformat()),
        ("translations", lambda r: _joined(r.method.translations)),
        ("url", lambda r: r.url),
        ("body_markdown", lambda r: r.text.body),
    ]


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(everything: list[Reading], taxonomy: Taxonomy) -> str:
    """The CSV text, starting with the byte order mark; rows end in CRLF as RFC 4180 says."""
    columns = _columns(taxonomy)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header for header, _ in columns)
    for reading in everything:
        writer.writerow(_cell(value(reading)) for _, value in columns)
    return out.getvalue()
