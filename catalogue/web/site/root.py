"""Addresses outside the language prefixes: `/`, `/sitemap.xml`, `/robots.txt`."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for

from catalogue.content import LANGUAGES
from catalogue.web.generation import current_catalogue, once_per_generation
from catalogue.web.http.i18n import ALL_LANGUAGES, parents_language, preferred_language
from catalogue.web.site.present import absolute

bp = Blueprint("root", __name__)

PAGES = (
    "home.index",
    "methods.search",
    "parents.index",
    "pages.evidence",
    "pages.about",
    "pages.accessibility",
    "instruments.index",
)
"""The pages every language has, listed in the sitemap (the parents' page in the parents' languages too)."""
PARENTS = "parents.index"


@bp.get("/")
def index():
    """To the reader's language: the remembered choice, then the browser's, then the default. A browser that
    prefers a parents' language (Arabic, Somali, Persian, Ukrainian, Russian) to Swedish, Finnish and English goes
    to the parents' page in it."""
    parents = parents_language()
    target = url_for("parents.index", lang=parents) if parents else url_for("home.index", lang=preferred_language())
    response = redirect(target)
    response.vary.update(("Accept-Language", "Cookie"))
    return response


@bp.get("/sitemap.xml")
def sitemap():
    return Response(once_per_generation(("sitemap", absolute("/")), _sitemap), mimetype="application/xml")


def _sitemap() -> str:
    entries = [
        ({lang: absolute(url_for(page, lang=lang)) for lang in (ALL_LANGUAGES if page == PARENTS else LANGUAGES)}, None)
        for page in PAGES
    ]
    for method in current_catalogue().methods.values():
        urls = {lang: absolute(url_for("methods.method", lang=lang, method_id=method.id)) for lang in LANGUAGES}
        entries.append((urls, method.reviewed))
    for instrument in current_catalogue().instruments:
        urls = {
            lang: absolute(url_for("instruments.instrument", lang=lang, instrument_id=instrument)) for lang in LANGUAGES
        }
        entries.append((urls, None))
    return render_template("sitemap.xml", entries=entries)


@bp.get("/robots.txt")
def robots():
    text = render_template("robots.txt", sitemap=absolute(url_for("root.sitemap")))
    return Response(text, mimetype="text/plain")
