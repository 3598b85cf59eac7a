"""`/<lang>/feed.xml`: an Atom feed (RFC 4287) of methods added or re-reviewed, newest first.

The feed takes the search's parameters, so any search is a feed to follow: a topic (`?topic=…`), a sector, an age
band, search words, or all of them ("new or re-rated methods for ages 1–2 in child health care"). A method's date
is its last review in any language (`method.reviewed`); a re-reviewed method keeps its entry id, so feed readers
show it as updated rather than new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, request, url_for
from flask_babel import gettext

import search
from catalogue.content.model import Method
from catalogue.web.api.http import open_data_headers
from catalogue.web.api.resources import method_page
from catalogue.web.generation import current_catalogue, run_search, search_request
from catalogue.web.http.i18n import current_language
from catalogue.web.site.methods import FACETS, filter_label, followed
from catalogue.web.site.present import absolute, site_name

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTRIES = 50
"""The newest this many methods; a feed is for news, the API and the sitemap have everything."""

bp = Blueprint("feed", __name__)
bp.after_request(open_data_headers)


def newest_first(methods: Iterable[Method]) -> list[Method]:
    """By last review, newest first; methods reviewed the same day by id, so the order is stable."""
    return sorted(sorted(methods, key=lambda m: m.id), key=lambda m: m.reviewed, reverse=True)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def atom_feed(methods: list[Method], lang: str, args: dict[str, list[str]] | None = None, subject: str = "") -> str:
    """The feed of `methods`; `args` the search it follows (its page is the feed's alternate), `subject` that
    search in words for the title."""
    taxonomy = current_catalogue().taxonomy
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})  # Atom is the default namespace of every element
    self_url = absolute(url_for("feed.atom", lang=lang, **(args or {})))
    page = url_for("methods.search", lang=lang, **args) if args else url_for("home.index", lang=lang)
    _add(feed, "id", self_url)
    _add(feed, "title", f"{site_name()}: {subject}" if subject else site_name())
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=absolute(page))
    _add(feed, "updated", _timestamp(methods[0].reviewed if methods else dt.date(1970, 1, 1)))
    _add(_add(feed, "author"), "name", site_name())
    evidence_page = absolute(url_for("pages.evidence", lang=lang))
    for method in methods:
        text = method.text(lang)
        url = method_page(method.id, lang)
        entry = _add(feed, "entry")
        _add(entry, "id", url)
        _add(entry, "title", text.title, **{XML_LANG: text.lang})
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "updated", _timestamp(method.reviewed))
        _add(entry, "summary", text.summary, **{XML_LANG: text.lang})
        _add(
            entry,
            "category",
            term=method.level,
            scheme=evidence_page,
            label=taxonomy.label("levels", method.level, lang),
        )
        for topic in method.topics:
            _add(entry, "category", term=topic, label=taxonomy.label("topics", topic, lang))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


@bp.get("/feed.xml")
def atom() -> Response:
    lang = current_language()
    catalogue = current_catalogue()
    args = followed(request.args.to_dict(flat=False))
    if not args:
        methods = newest_first(catalogue.methods.values())[:ENTRIES]
        return Response(atom_feed(methods, lang), mimetype="application/atom+xml")
    try:
        query = search_request({**args, "sort": ["reviewed"], "per_page": [str(ENTRIES)]})
    except search.BadParameter as exc:
        return Response(f"{exc.name}: {exc.message}\n", status=400, mimetype="text/plain")
    found = [catalogue.methods[hit.id] for hit in run_search(query).hits if hit.id in catalogue.methods]
    return Response(atom_feed(newest_first(found), lang, args, subject(args)), mimetype="application/atom+xml")


def subject(args: dict[str, list[str]]) -> str:
    """A followed search in words: "Topic: Behaviour problems; Child's age: 1–2 years; “sleep”"."""
    parts = [
        f"{FACETS[facet]}: {', '.join(filter_label(facet, value) for value in args[facet])}"
        for facet in FACETS
        if facet in args
    ]
    words = " ".join(args.get("q", [])).strip()
    if words:
        parts.append(gettext("“%(q)s”", q=words))
    return "; ".join(parts)
