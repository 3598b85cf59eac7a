"""For parents: by the child's age and everyday worries, only the plain-language summaries and where to ask.

In every language of the site: Swedish, Finnish and English, and the parents' languages (Arabic, Somali, Persian,
Ukrainian, Russian), where the page has its own layout (parents/layout.html), each method's summary comes from
`content/parents/<lang>.yaml` and the sentence to say at the family centre is shown beside its Swedish or Finnish
form (`local`), for the parent to show to staff. Every message these pages use is in the files that
tools/check_translations.py lists as PARENT_SOURCES: the parents' languages translate exactly those.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import force_locale, gettext, lazy_gettext
from markupsafe import Markup

from catalogue.content import LANGUAGES, PARENT_LANGUAGES
from catalogue.content.model import Method
from catalogue.web.generation import current_catalogue, run_search, search_request
from catalogue.web.http.i18n import current_language

bp = Blueprint("parents", __name__)

MAX_SHOWN = 100

AGES = {
    "pregnancy": lazy_gettext("We are expecting a baby"),
    "0": lazy_gettext("Under 1 year"),
    "1-2": lazy_gettext("1 to 2 years"),
    "3-5": lazy_gettext("3 to 5 years"),
    "6-12": lazy_gettext("6 to 12 years"),
    "13-17": lazy_gettext("13 to 17 years"),
}
"""The age bands, as a parent would say them."""
MAX_YEARS = 17

WORRIES = {
    "behaviour_problems": lazy_gettext("Tantrums, defiance and fights at home"),
    "parenting_skills": lazy_gettext("Everyday life as a parent: routines and limits"),
    "attachment_interaction": lazy_gettext("Getting close to my baby or child"),
    "anxiety_emotions": lazy_gettext("My child is worried, afraid or has big feelings"),
    "language_development": lazy_gettext("My child's talking and language"),
    "parental_mental_health": lazy_gettext("I feel low, anxious or worn out"),
    "separation_conflict": lazy_gettext("We are separating or argue a lot"),
    "couple_relationship": lazy_gettext("Our relationship as a couple"),
    "domestic_violence": lazy_gettext("Violence or threats in the family"),
    "social_network": lazy_gettext("I feel alone with no one to ask"),
    "transition_to_parenthood": lazy_gettext("Becoming a parent"),
    "gender_equal_parenthood": lazy_gettext("Sharing the care of our child equally"),
    "newly_arrived_families": lazy_gettext("We are new in the country"),
    "bullying": lazy_gettext("Bullying"),
    "healthy_lifestyle": lazy_gettext("Food, sleep, exercise and screens"),
    "substance_use": lazy_gettext("Alcohol or drugs"),
}
"""Worries in everyday words, one per topic of the taxonomy."""

PLACES = {
    "maternity_care": lazy_gettext("the maternity clinic (MVC or neuvola)"),
    "child_health": lazy_gettext("the child health clinic (BVC or neuvola)"),
    "open_preschool": lazy_gettext("the open preschool or family centre"),
    "social_services": lazy_gettext("social services"),
    "ngo_parish": lazy_gettext("an association or parish"),
    "early_education": lazy_gettext("your child's preschool"),
    "school": lazy_gettext("your child's school"),
    "library": lazy_gettext("the library"),
    "specialist_care": lazy_gettext("your doctor or nurse, who can refer you"),
}
"""Where a parent can ask for a method, by the sector it is delivered in, in everyday words."""

EVIDENCE = {
    "effective": lazy_gettext("Good studies show that this support works."),
    "promising": lazy_gettext("Studies suggest that this support helps, but it is not yet certain."),
    "described": lazy_gettext("This support is well described, but studies have not yet shown whether it helps."),
    "no_effect": lazy_gettext("Good studies have found that this support has no effect."),
    "harmful": lazy_gettext("Studies have shown that this support can harm children or families."),
    "not_rated": lazy_gettext("No research registry that we follow has rated this support yet."),
}
"""Each evidence level in one plain sentence (the levels' descriptions in content/taxonomy.yaml, for parents)."""

LOCAL = {"sv": lazy_gettext("Sweden (Swedish)"), "fi": lazy_gettext("Finland (Finnish)")}
"""Where the parent lives, for the language the sentence to show staff is also given in (`local`)."""

LATIN = re.compile(r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9'’&.\- ]*[A-Za-z\u00c0-\u024f0-9])?")
"""A run of Latin script: from a letter to the last letter or digit before other script (brackets stay outside,
so that they follow the surrounding text's direction)."""


@bp.app_template_global()
def places_to_ask(sectors) -> list[str]:
    """Where to ask for a method delivered in `sectors`, in the taxonomy's order of sectors, each place once."""
    places = [str(PLACES[sector]) for sector in current_catalogue().taxonomy["sectors"] if sector in sectors]
    return list(dict.fromkeys(places))


@bp.app_template_filter()
def isolate_latin(text: str) -> Markup:
    """Runs of Latin script (method names, BVC) inside right-to-left text, each in its own <bdi>, so that their
    direction never reorders the text around them."""
    escaped = (Markup('<bdi dir="ltr">%s</bdi>') % part if LATIN.fullmatch(part) else part for part in _runs(text))
    return Markup("").join(escaped)


def _runs(text: str) -> list[str]:
    """The text cut into Latin runs and the rest, in order."""
    parts, start = [], 0
    for match in LATIN.finditer(text):
        parts += [text[start : match.start()], match.group()]
        start = match.end()
    return [part for part in [*parts, text[start:]] if part]


@bp.app_template_global()
def evidence_in_words(level: str) -> str:
    return str(EVIDENCE[level])


@bp.app_template_global()
def sentence_to_say(title: str, lang: str | None = None) -> Markup:
    """What a parent can say at the family centre to ask for the method `title`, in the page's language or `lang`;
    the method's name isolated (a Latin name inside Arabic or Persian text keeps its own direction)."""
    name = Markup('<bdi class="say__name">%s</bdi>') % title
    if lang is None:
        return Markup(gettext("I have read about %(method)s. Is it offered here, and how can we take part?")) % {
            "method": name
        }
    with force_locale(lang):
        return sentence_to_say(title)


def local_language() -> str:
    """The language of the staff a parent shows the sentence to: `local` when given, else the site's default
    language when it is Finnish, else Swedish."""
    chosen = request.args.get("local")
    if chosen in LOCAL:
        return chosen
    return "fi" if current_app.config["DEFAULT_LANGUAGE"] == "fi" else "sv"


def _page(template: str, **context) -> str:
    """A parents' page: in the parents' layout, and with the local language, in a parents' language."""
    lang = current_language()
    if lang in PARENT_LANGUAGES:
        local = local_language()
        context |= {
            "layout": "parents/layout.html",
            "local": local,
            "locals": LOCAL,
            "title_lang": local,
            "parent_texts": current_catalogue().parent_texts.get(lang, {}),
        }
    else:
        context |= {"layout": "base.html", "local": None, "title_lang": lang, "parent_texts": None}
    return render_template(template, professional_languages=LANGUAGES, **context)


@bp.get("/parents/")
def index():
    age = [value for value in request.args.getlist("age") if value in AGES][:1]
    years = next((value for value in request.args.getlist("years") if value.isascii() and value.isdigit()), "")
    if years and int(years) <= MAX_YEARS:
        age = [str(int(years))]  # the child's own age: the methods whose ages cover it
    offered = _worries_with_methods()
    worries = [value for value in request.args.getlist("worry") if value in offered]
    methods = None
    if age or worries:
        query = search_request(
            {"age": age, "topic": worries, "sort": ["name"], "per_page": [str(MAX_SHOWN)]}, _search_language()
        )
        catalogue = current_catalogue()
        hits = run_search(query).hits
        methods = [catalogue.methods[hit.id] for hit in hits if hit.id in catalogue.methods]
    return _page(
        "parents/index.html", ages=AGES, worries=offered, age=age, years=years, chosen=worries, methods=methods
    )


@bp.get("/parents/<method_id>")
def method(method_id: str):
    """One method for a parent: what the professional's card links to in each language."""
    found: Method | None = current_catalogue().methods.get(method_id)
    if found is None:
        abort(404)
    return _page("parents/method.html", method=found)


def _search_language() -> str:
    """The catalogue's language to search in: the page's, or on a parents' language the local one (the names of
    the methods a parent sees, and their order, are the ones staff use)."""
    lang = current_language()
    return lang if lang in LANGUAGES else local_language()


def _worries_with_methods() -> dict:
    """The worries that some method in the catalogue helps with: a parent is never offered an empty choice."""
    counts = run_search(search_request({}, _search_language())).facets.get("topic", {})
    return {topic: words for topic, words in WORRIES.items() if counts.get(topic)}
