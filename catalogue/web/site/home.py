"""The home page: a search box and ways in by age, by sector and by topic; recently reviewed methods."""

from __future__ import annotations

from flask import Blueprint, render_template

import search
from catalogue.content.collation import sort_key
from catalogue.web.generation import current_catalogue, run_search, search_request
from catalogue.web.http.i18n import current_language

bp = Blueprint("home", __name__)

RECENT = 5


@bp.get("/")
def index():
    catalogue = current_catalogue()
    lang = current_language()
    try:
        counts = run_search(search_request({})).facets
    except search.IndexUnavailable:  # the ways in still work; only their counts are missing
        counts = {}
    sectors = catalogue.taxonomy["sectors"]
    partners = [term for term, entry in sectors.items() if entry.get("family_centre_partner")]
    recent = sorted(catalogue.methods.values(), key=lambda m: sort_key(m.text(lang).title, lang))
    recent.sort(key=lambda m: m.reviewed, reverse=True)
    return render_template(
        "home.html",
        counts=counts,
        age_bands=list(catalogue.taxonomy["age_bands"]),
        partners=partners,
        other_sectors=[term for term in sectors if term not in partners],
        topics=sorted(
            catalogue.taxonomy["topics"],
            key=lambda t: sort_key(catalogue.taxonomy.label("topics", t, lang), lang),
        ),
        recent=recent[:RECENT],
        total=len(catalogue.methods),
    )
