"""The language of a request: the `/<lang>` URL prefix, handled once for every blueprint.

The URL processors take `lang` out of the view arguments (views never see it) and put it back
when a URL is built, so `url_for("methods.search")` stays in the reader's language. The last
language a reader chose is remembered in a cookie that `/` uses.

The parents' languages (PARENT_LANGUAGES) have the parents' pages only: any other page under such a prefix
redirects to the same page in the reader's professional language, and they are never remembered in the cookie
(a nurse who opens a parents' page in Arabic to show a parent keeps her Swedish `/`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel import Locale
from flask import Flask, current_app, g, redirect, request, url_for
from flask_babel import get_translations, refresh
from jinja2 import pass_context
from markupsafe import Markup
from werkzeug.http import dump_cookie
from werkzeug.routing import BaseConverter

from catalogue.content import LANGUAGES, PARENT_LANGUAGES
from catalogue.web.http.parameters import PAGE_PARAMETERS

COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
ALL_LANGUAGES = LANGUAGES + PARENT_LANGUAGES
PARENTS_BLUEPRINT = "parents"
"""The one area of the site in every language."""
LANGUAGE_NAMES = {
    "sv": "Svenska",
    "fi": "Suomi",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
}
"""Each language in its own words, for the switcher."""
LANGUAGE_ALIASES = {"prs": "fa"}
"""Browser languages read as one of the site's: Dari (prs) as Persian, which the parents' pages are written for."""
OG_LOCALES = {
    "sv": "sv_SE",
    "fi": "fi_FI",
    "en": "en_GB",
    "ar": "ar_AR",
    "so": "so_SO",
    "fa": "fa_IR",
    "uk": "uk_UA",
    "ru": "ru_RU",
}

DIRECTIONS = {lang: Locale.parse(lang).text_direction for lang in ALL_LANGUAGES}
"""Each language's writing direction from the locale data: "rtl" for Arabic and Persian, "ltr" for the others."""


class LanguageConverter(BaseConverter):
    """`<lang:lang>` matches only the site's languages; anything else is a 404 by routing."""

    regex = "|".join(ALL_LANGUAGES)


def init_app(app: Flask) -> None:
    app.url_map.converters["lang"] = LanguageConverter
    app.url_value_preprocessor(_pop_language)
    app.url_defaults(_add_language)
    app.before_request(_parents_languages_have_parents_pages_only)
    app.after_request(_remember_language)
    app.context_processor(_template_context)


def _template_context() -> dict[str, Any]:
    translations = get_translations()
    lang = current_language()
    return {
        # the page's catalog, looked up once per page rather than once per message
        "gettext": _newstyle(translations.ugettext),
        "ngettext": _newstyle(translations.ungettext),
        "lang": lang,
        "text_direction": DIRECTIONS[lang],
        "directions": DIRECTIONS,
        "alternates": alternates(),
        "language_names": LANGUAGE_NAMES,
        "parent_languages": PARENT_LANGUAGES,
        "og_locales": OG_LOCALES,
    }


def _parents_languages_have_parents_pages_only():
    """/ar/methods/x → /sv/methods/x (the reader's professional language): only the parents' pages are in ar."""
    lang = g.get("lang")
    if lang in PARENT_LANGUAGES and request.blueprint != PARENTS_BLUEPRINT:
        other = preferred_language()
        path = request.script_root + f"/{other}" + request.path.removeprefix(f"/{lang}")
        query = request.query_string.decode("latin-1")
        response = redirect(path + (f"?{query}" if query else ""), 302)
        response.vary.update(("Accept-Language", "Cookie"))
        return response
    return None


def _newstyle(lookup):
    """A template's `_()` / `ngettext()` with one catalog, as Jinja's i18n extension calls them with
    `newstyle=True` (as Flask-Babel installs it): variables formatted in, the result marked safe where the
    template autoescapes (the variables themselves are escaped by the `%` of Markup)."""

    @pass_context
    def translate(context, *args: Any, **variables: Any) -> str:
        if len(args) == 3:  # ngettext(singular, plural, num): num is a variable too
            variables.setdefault("num", args[2])
        text = lookup(*args)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return translate


def _pop_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "lang" in values:
        g.lang = values.pop("lang")


def _add_language(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = current_language()


def _remember_language(response):
    if response.status_code < 400:
        cookie = language_cookie(g.get("lang"), request.cookies, request.is_secure)
        if cookie:
            response.headers.add("Set-Cookie", cookie)
    return response


def language_cookie(lang: str | None, cookies: Mapping[str, str], secure: bool) -> str | None:
    """The Set-Cookie header that remembers the page's language for `/`, when the reader's cookie says another.

    Also used for pages served from memory (`site_http`), which never enter the view.
    """
    if lang not in LANGUAGES or cookies.get(COOKIE) == lang:
        return None
    return dump_cookie(COOKIE, lang, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=secure)


def preferred_language() -> str:
    """For a request without a language in its URL: the remembered choice, the browser's, the default."""
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES) or current_app.config["DEFAULT_LANGUAGE"]


def parents_language() -> str | None:
    """For `/`: the parents' language the browser prefers over every professional language, if any.

    `Accept-Language: sv, ar;q=0.5` is a Swedish reader; `ar, sv;q=0.8` and `ar` are an Arabic one. A remembered
    professional language wins (a parents' language is never remembered)."""
    if request.cookies.get(COOKIE) in LANGUAGES:
        return None
    for value, _quality in request.accept_languages:  # the browser's languages, most wanted first
        primary = value.split("-")[0].lower()
        primary = LANGUAGE_ALIASES.get(primary, primary)
        if primary in ALL_LANGUAGES:
            return primary if primary in PARENT_LANGUAGES else None
    return None


def current_language() -> str:
    """The page's language; on an error page for an unknown address, its first path segment if a language."""
    lang = g.get("lang")
    if lang is None:
        first = request.path.strip("/").split("/", 1)[0]
        lang = g.lang = first if first in LANGUAGES else preferred_language()
    return lang


def leave_parents_language() -> None:
    """An error page is a professionals' page: on a parents' language, it is in the reader's professional one."""
    if g.get("lang") in PARENT_LANGUAGES:
        g.lang = preferred_language()
        refresh()


def select_locale() -> str:
    """Flask-Babel's locale: the page's language."""
    return current_language()


def alternates() -> dict[str, str]:
    """This page in every language it has (path and query kept), for the switcher and `hreflang`: a parents' page
    in all eight, any other page in the professional three."""
    endpoint = request.endpoint
    if request.url_rule is None or endpoint is None or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return {lang: url_for("home.index", lang=lang) for lang in LANGUAGES}
    languages = ALL_LANGUAGES if request.blueprint == PARENTS_BLUEPRINT else LANGUAGES
    view_args = dict(request.view_args or {})
    # The page's own query parameters are kept; others are dropped (they would only make every link longer), and
    # so are any that would clash with the address's parts or url_for's options (`_anchor`, `_external`, ...).
    args = {
        name: values
        for name, values in request.args.to_dict(flat=False).items()
        if name in PAGE_PARAMETERS and name not in view_args
    }
    return {lang: url_for(endpoint, **view_args, **args, lang=lang) for lang in languages}
