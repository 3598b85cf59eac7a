"""How facts read in each language: ages, durations, dates, lists and numbers, via Babel.

Registered as Jinja filters and globals, so templates write `{{ method.age|age }}` and
`{{ term|label("sectors") }}` and get "3–6 år", "3–6 vuotta" or "3–6 years".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal
from flask import Flask, current_app, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from jinja2 import pass_context

import search
from catalogue.content import LANGUAGES
from catalogue.content.model import Duration, Studies
from catalogue.web.generation import current_catalogue
from catalogue.web.http.cache import static_version
from catalogue.web.http.i18n import current_language

BABEL_LOCALES = {
    "sv": "sv_SE",
    "fi": "fi_FI",
    "en": "en_GB",
    "ar": "ar",
    "so": "so",
    "fa": "fa",
    "uk": "uk",
    "ru": "ru",
}
"""The Babel locale of each site language (British English: "24 March 2025", "a, b and c"); numbers in Latin digits
in every language."""
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
DATE_PATTERNS = {"sv": "d MMMM y", "fi": "d.M.y", "en": "d MMMM y"}


def locale() -> Locale:
    return _locale(current_language())


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[lang])


def number(value: int) -> str:
    return _number(value, current_language())


@lru_cache(maxsize=4096)
def _number(value: int, lang: str) -> str:
    """Formatted once per value and language: a search page shows dozens of counts. Persian in Persian digits
    (CLDR's default numbering for fa, which Babel does not apply), as the Persian parents' texts write them."""
    text = format_decimal(value, locale=_locale(lang))
    return text.translate(PERSIAN_DIGITS) if lang == "fa" else text


def span(bounds: tuple[int, int]) -> str:
    """(3, 6) → "3–6"; (11, 11) → "11"."""
    low, high = bounds
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def duration(value: Duration | None) -> str:
    """The parts that are known, e.g. "11 sessions, 150 minutes each, over 11 weeks"."""
    if value is None:
        return ""
    parts = []
    if value.sessions:
        parts.append(ngettext("%(range)s session", "%(range)s sessions", value.sessions[1], range=span(value.sessions)))
    if value.session_minutes:
        minutes = value.session_minutes
        parts.append(ngettext("%(range)s minute each", "%(range)s minutes each", minutes[1], range=span(minutes)))
    if value.weeks:
        parts.append(ngettext("over %(range)s week", "over %(range)s weeks", value.weeks[1], range=span(value.weeks)))
    return ", ".join(parts)


STUDY_DESIGNS = {
    "rct": lazy_gettext("randomised controlled trials"),
    "quasi_experimental": lazy_gettext("quasi-experimental studies"),
    "pre_post": lazy_gettext("before-and-after studies"),
    "qualitative": lazy_gettext("qualitative studies"),
    "systematic_review": lazy_gettext("systematic reviews"),
}


def studies(value: Studies | None) -> str:
    """What a review rests on, as far as the registry says: "3 studies (randomised controlled trials); 1 Nordic"."""
    if value is None:
        return ""
    parts = []
    if value.count is not None:
        parts.append(ngettext("%(num)s study", "%(num)s studies", value.count))
    if value.designs:
        designs = and_list(str(STUDY_DESIGNS[design]) for design in value.designs)
        parts.append(f"({designs})" if parts else designs[:1].upper() + designs[1:])
    text = " ".join(parts)
    if value.nordic is not None:
        nordic = ngettext("%(num)s of them Nordic", "%(num)s of them Nordic", value.nordic)
        if value.nordic == 0:
            nordic = gettext("none of them Nordic")
        text = f"{text}; {nordic}" if text else gettext("Nordic studies: %(num)s", num=number(value.nordic))
    elif text:
        text = f"{text}; {gettext('Nordic studies not stated')}"
    return text


def day(value: dt.date) -> str:
    """24 mars 2025 · 24.3.2025 · 24 March 2025."""
    return format_date(value, DATE_PATTERNS[current_language()], locale=locale())


def partial_date(value: str) -> str:
    """A rating's date, as precise as published: "2025", "2025-03" or "2025-03-24"."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=locale())
    return day(dt.date(*parts))


def and_list(items: Iterable[str]) -> str:
    """["a", "b", "c"] → "a, b och c" / "a, b ja c" / "a, b and c"."""
    items = list(items)
    return format_list(items, locale=locale()) if items else ""


def language_labels(codes: Iterable[str]) -> list[str]:
    """Languages (ISO codes) as a reader of the page's language names them in a sentence: the taxonomy's labels on
    the professionals' languages ("svenska och arabiska"), the locale data's names in a parents' language."""
    lang = current_language()
    if lang not in LANGUAGES:
        names = locale().languages
        return [names.get(code, code) for code in codes]
    found = labels(codes, "languages")
    return found if lang == "en" else [name.lower() for name in found]


def label(term: str, vocabulary: str) -> str:
    return current_catalogue().taxonomy.label(vocabulary, term, current_language())


def labels(terms: Iterable[str], vocabulary: str) -> list[str]:
    return [label(term, vocabulary) for term in terms]


def registry_language(registry: str) -> str:
    """The language of a registry's own rating labels (from the taxonomy)."""
    return current_catalogue().taxonomy.registry_language(registry)


def description(term: str, vocabulary: str) -> str:
    return current_catalogue().taxonomy.description(vocabulary, term, current_language())


def absolute(path: str) -> str:
    """A full address for a site path, on BASE_URL when configured (sitemap, Open Graph)."""
    base = current_app.config["BASE_URL"] or request.url_root
    return base.rstrip("/") + path


def site_language() -> str:
    """The language of the site's name: the page's, or on a parents' page in another language the default one."""
    lang = current_language()
    return lang if lang in LANGUAGES else current_app.config["DEFAULT_LANGUAGE"]


def site_name() -> str:
    return current_app.config["SITE_NAME"][site_language()]


def static_url(filename: str) -> str:
    """A static file's URL with a hash of its content, so it can be cached for a year."""
    return url_for("static", filename=filename, v=static_version(filename))


# -- in templates: the page's language and taxonomy come from the render context (set once per page below), not
# from request-local lookups on every use; a template rendered without them (an error page before any
# generation) falls back to the functions above.


@pass_context
def _label(context, term: str, vocabulary: str) -> str:
    taxonomy = context.get("taxonomy")
    return taxonomy.label(vocabulary, term, context["lang"]) if taxonomy else label(term, vocabulary)


@pass_context
def _labels(context, terms: Iterable[str], vocabulary: str) -> list[str]:
    taxonomy = context.get("taxonomy")
    if not taxonomy:
        return labels(terms, vocabulary)
    return [taxonomy.label(vocabulary, term, context["lang"]) for term in terms]


def _page_context() -> dict:
    """Once per rendered page: its taxonomy, and a cheap builder of method-page addresses (one `url_for`)."""
    try:
        taxonomy = current_catalogue().taxonomy
    except search.IndexUnavailable:  # no generation (the error page says so): the filters fall back
        return {}
    pattern = url_for("methods.method", method_id="__id__")
    return {"taxonomy": taxonomy, "method_url": lambda method_id: pattern.replace("__id__", method_id)}


def init_app(app: Flask) -> None:
    from catalogue.web.site.child_age import age  # it formats its numbers with `number` above

    filters = {
        "age": age,
        "language_labels": language_labels,
        "duration": duration,
        "day": day,
        "partial_date": partial_date,
        "and_list": and_list,
    }
    filters |= {"studies": studies}
    filters |= {"label": _label, "labels": _labels, "description": description, "number": number}
    filters |= {"registry_language": registry_language}
    app.jinja_env.filters.update(filters)
    app.jinja_env.tests["number_like"] = lambda value: isinstance(value, str) and value.isascii() and value.isdigit()
    app.jinja_env.globals.update(site_name=site_name, site_language=site_language, static_url=static_url)
    app.jinja_env.globals.update(absolute=absolute)
    app.context_processor(_page_context)
