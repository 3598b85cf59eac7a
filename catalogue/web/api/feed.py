"""`/<lang>/feed.xml`: an Atom feed (RFC 4287) of methods added or re-reviewed, newest first.

A method's date is its last review in any language (`method.reviewed`); a re-reviewed method keeps its
entry id, so feed readers show it as updated rather than new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, url_for

from catalogue.content.model import Method
from catalogue.web.api.http import open_data_headers
from catalogue.web.api.resources import method_page
from catalogue.web.generation import current_catalogue
from catalogue.web.http.i18n import current_language
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


def atom_feed(methods: list[Method], lang: str) -> str:
    taxonomy = current_catalogue().taxonomy
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})  # Atom is the default namespace of every element
    self_url = absolute(url_for("feed.atom", lang=lang))
    _add(feed, "id", self_url)
    _add(feed, "title", site_name())
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=absolute(url_for("home.index", lang=lang)))
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
    methods = newest_first(current_catalogue().methods.values())[:ENTRIES]
    return Response(atom_feed(methods, lang), mimetype="application/atom+xml")
