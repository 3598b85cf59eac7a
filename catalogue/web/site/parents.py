"""For parents: by the child's age and everyday worries, only the plain-language summaries and where to ask."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext

from catalogue.web.generation import current_catalogue, run_search, search_request

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


@bp.app_template_global()
def places_to_ask(sectors) -> list[str]:
    """Where to ask for a method delivered in `sectors`, in the taxonomy's order of sectors, each place once."""
    places = [str(PLACES[sector]) for sector in current_catalogue().taxonomy["sectors"] if sector in sectors]
    return list(dict.fromkeys(places))


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
        query = search_request({"age": age, "topic": worries, "sort": ["name"], "per_page": [str(MAX_SHOWN)]})
        catalogue = current_catalogue()
        hits = run_search(query).hits
        methods = [catalogue.methods[hit.id] for hit in hits if hit.id in catalogue.methods]
    return render_template(
        "parents.html", ages=AGES, worries=offered, age=age, years=years, chosen=worries, methods=methods
    )


def _worries_with_methods() -> dict:
    """The worries that some method in the catalogue helps with: a parent is never offered an empty choice."""
    counts = run_search(search_request({})).facets.get("topic", {})
    return {topic: words for topic, words in WORRIES.items() if counts.get(topic)}
