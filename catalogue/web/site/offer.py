"""The family centre's offer: a shortlist of methods kept in the address (`?m=id&m=id`), its coverage and gaps,
a dated plan to print, and links to share and export it. No account and no cookie: the address is the list."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext

import search
from catalogue.content.follow_up import follow_up_plan
from catalogue.content.model import Method
from catalogue.content.offer import MAX_METHODS, plan
from catalogue.web.generation import current_catalogue
from catalogue.web.http.i18n import current_language

bp = Blueprint("offer", __name__)

PARAMETER = "m"
"""The offer's methods in an address, in the order they were added."""
CENTRE = "centre"
"""The family centre's name, for the plan's title (optional)."""
MAX_CENTRE_CHARS = 120

DIMENSIONS = {
    "sectors": lazy_gettext("Partners: where the methods are delivered"),
    "topics": lazy_gettext("Goals: what the methods help with"),
    "age_bands": lazy_gettext("Ages: from pregnancy to school age and older"),
    "need": lazy_gettext("Level of need"),
}


def offer_ids(args=None) -> tuple[list[str], list[str]]:
    """The known method ids of an address's offer (each once, in order), and the unknown ones."""
    args = request.args if args is None else args
    methods = current_catalogue().methods
    wanted = list(
        dict.fromkeys(part.strip() for value in args.getlist(PARAMETER) for part in value.split(",") if part.strip())
    )
    known = [method_id for method_id in wanted if method_id in methods]
    return known, [method_id[:80] for method_id in wanted if method_id not in methods]


def chosen(ids: list[str]) -> list[Method]:
    methods = current_catalogue().methods
    return [methods[method_id] for method_id in ids]


@bp.app_template_global()
def offer_url(ids: list[str], add: str | None = None, remove: str | None = None, **extra) -> str:
    """The offer's page with `ids`, one method added or removed."""
    wanted = [method_id for method_id in ids if method_id != remove]
    if add and add not in wanted:
        wanted.append(add)
    centre = request.args.get(CENTRE, "")[:MAX_CENTRE_CHARS]
    return url_for("offer.plan", **{PARAMETER: wanted, CENTRE: centre or None, **extra})


@bp.app_template_global()
def offer_query(ids: list[str]) -> str:
    """ "?m=a&m=b" to append to an address that carries the offer on; empty for no offer."""
    return "?" + urlencode({PARAMETER: ids}, doseq=True) if ids else ""


@bp.app_template_global()
def current_offer() -> list[str]:
    """The offer carried in this page's address, for pages that add to it (search, card, compare) and the menu;
    none on a page without one or before the first build (the feedback form works without a catalogue)."""
    if PARAMETER not in request.args:
        return []
    try:
        return offer_ids()[0][:MAX_METHODS]
    except search.IndexUnavailable:
        return []


@bp.get("/offer/", endpoint="plan")
def plan_page():
    ids, unknown = offer_ids()
    too_many = len(ids) > MAX_METHODS
    ids = ids[:MAX_METHODS]
    catalogue = current_catalogue()
    lang = current_language()
    methods = chosen(ids)
    offer = plan(methods, catalogue.methods.values(), catalogue.taxonomy, lang)
    return render_template(
        "offer.html",
        offer=offer,
        ids=ids,
        unknown=unknown,
        too_many=too_many,
        centre=request.args.get(CENTRE, "").strip()[:MAX_CENTRE_CHARS],
        dimensions=DIMENSIONS,
        today=dt.date.today(),
        methods_by_id=catalogue.methods,
        max_methods=MAX_METHODS,
        follow_up=follow_up_plan(methods, catalogue.instruments, list(catalogue.taxonomy["outcomes"])),
    )
