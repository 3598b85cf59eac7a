"""Finding and reading methods: search and browse, the method card, and the comparison."""

from __future__ import annotations

from pathlib import Path

import nh3
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from markupsafe import Markup

import search
from catalogue.content import LANGUAGES
from catalogue.content.model import Method, Text
from catalogue.content.rendering import link_methods
from catalogue.web.generation import current_catalogue, current_generation, run_search, search_request
from catalogue.web.http.i18n import current_language
from catalogue.web.site.offer import PARAMETER as OFFER_PARAMETER
from search.facets import FACETS as FACET_VOCABULARIES
from search.facets import facet_vocabulary

bp = Blueprint("methods", __name__)

FACETS = {
    "evidence": lazy_gettext("Evidence level"),
    "age": lazy_gettext("Child's age"),
    "need": lazy_gettext("Level of need"),
    "sector": lazy_gettext("Where it is delivered"),
    "topic": lazy_gettext("Topic"),
    "outcome": lazy_gettext("Effect shown on"),
    "format": lazy_gettext("Format"),
    "language": lazy_gettext("Delivered in"),
    "training": lazy_gettext("Staff training available in"),
    "family_cost": lazy_gettext("Cost to families"),
}
"""The search's facets (URL parameter → heading), in the order the panel shows them."""

SORTS = {
    "relevance": lazy_gettext("Best match"),
    "evidence": lazy_gettext("Evidence level"),
    "name": lazy_gettext("Name"),
    "reviewed": lazy_gettext("Recently reviewed"),
}
PARAMETERS = {
    "q": lazy_gettext("Search words"),
    "sort": lazy_gettext("Sort by"),
    "page": lazy_gettext("Page"),
    "per_page": lazy_gettext("Results per page"),
    "plain": lazy_gettext("Search the words as typed"),
}
FOLLOWED = {"q", "plain", *FACETS}
"""The search parameters an Atom feed follows (`/<lang>/feed.xml?…`): words and filters, not page or order."""
COMPARE_MIN, COMPARE_MAX = 2, 4
SNIPPET_TAGS = {"mark"}
"""What a search snippet may contain besides text: the marked matches."""


@bp.get("/methods/", endpoint="search")
def search_page():
    args = request.args.to_dict(flat=False)
    try:
        query = search_request(args)
    except search.BadParameter as exc:
        label = FACETS.get(exc.name) or PARAMETERS.get(exc.name, exc.name)
        message = gettext("“%(field)s” has a value we do not recognise. Choose again below.", field=label)
        return render_template("methods/search.html", results=None, error=message, state=SearchState(args)), 400
    results = run_search(query)
    catalogue = current_catalogue()
    hits = [_result(hit, catalogue.methods[hit.id]) for hit in results.hits if hit.id in catalogue.methods]
    state = SearchState(args)
    return render_template(
        "methods/search.html",
        results=results,
        hits=hits,
        state=state,
        page_url=lambda page: state.url(page=[str(page)]),
        facets=_facet_panel(results.facets, state),
        sorts=SORTS,
        filter_names=list(FACETS),
        filter_label=filter_label,
        feed_url=url_for("feed.atom", **followed(state.args)),
        error=None,
    )


def followed(args: dict[str, list[str]]) -> dict[str, list[str]]:
    """The parameters of a search that a feed follows."""
    return {key: values for key, values in args.items() if key in FOLLOWED and any(values)}


def _result(hit, method: Method) -> tuple[Method, Text, Markup]:
    """A hit as the result list shows it: the method, its text, and a snippet with the matches marked."""
    text = method.text(current_language())
    highlighted = hit.highlights.get("summary") or hit.highlights.get("body")
    snippet = (
        Markup(nh3.clean(highlighted, tags=SNIPPET_TAGS, attributes={})) if highlighted else Markup.escape(text.summary)
    )
    return method, text, snippet


class SearchState:
    """The query string of a search page, to build the URLs that change one part of it."""

    def __init__(self, args: dict[str, list[str]]) -> None:
        kept = {*FACETS, *PARAMETERS, OFFER_PARAMETER}
        self.args = {key: [v for v in values if v] for key, values in args.items() if key in kept}

    @property
    def q(self) -> str:
        return (self.args.get("q") or [""])[0]

    def selected(self, facet: str) -> list[str]:
        return self.args.get(facet, [])

    @property
    def selected_count(self) -> int:
        return sum(len(self.args.get(facet, [])) for facet in FACETS)

    @property
    def filtered(self) -> bool:
        return self.selected_count > 0

    def url(self, **changes: list[str]) -> str:
        args = {key: values for key, values in self.args.items() if key != "page"}
        args.update(changes)
        return url_for("methods.search", **{key: values for key, values in args.items() if values})

    def without(self, facet: str, value: str) -> str:
        return self.url(**{facet: [v for v in self.selected(facet) if v != value]})

    def as_typed(self, reading: str) -> str:
        """This search without one reading of its words (`age`, or a topic): the words searched as typed."""
        return self.url(plain=[*self.args.get("plain", []), reading])


def _facet_panel(counts: dict[str, dict[str, int]], state: SearchState) -> list[dict]:
    """Each facet with its values in the taxonomy's order: label, count, ticked or not."""
    vocabulary = facet_vocabulary(current_catalogue().taxonomy)
    panel = []
    for facet, heading in FACETS.items():
        selected = state.selected(facet)
        values = [
            {
                "value": term,
                "label": filter_label(facet, term),
                "count": counts.get(facet, {}).get(term, 0),
                "checked": term in selected,
            }
            for term in vocabulary[facet]
        ]
        values = [v for v in values if v["count"] or v["checked"]]
        if values:
            panel.append({"name": facet, "heading": heading, "values": values})
    return panel


def filter_label(facet: str, value: str) -> str:
    """A facet value in words, for the filter panel and the "remove filter" tags (age may be a whole year,
    training a language in a country)."""
    taxonomy, lang = current_catalogue().taxonomy, current_language()
    if facet == "age" and value.isdigit():
        return gettext("Age %(num)s", num=value)
    if facet == "training" and "-" in value:
        language, country = value.split("-", 1)
        name = taxonomy.label("languages", language, lang)
        return gettext(
            "%(country)s, in %(language)s",
            country=taxonomy.label("countries", country, lang),
            language=name if lang == "en" else name.lower(),
        )
    return taxonomy.label(FACET_VOCABULARIES[facet], value, lang)


@bp.get("/methods/<method_id>")
def method(method_id: str):
    catalogue = current_catalogue()
    found = catalogue.methods.get(method_id)
    problems = _preview_problems(catalogue, method_id) if current_app.config["PREVIEW"] else []
    if found is None:
        if problems:  # the editor's preview: say why the method is not shown
            return render_template("methods/unpublished.html", method_id=method_id, problems=problems), 404
        abort(404)
    lang = current_language()
    text = found.text(lang)
    similar = [catalogue.methods[i] for i in current_generation().similar(found.id, lang) if i in catalogue.methods]
    return render_template(
        "methods/method.html",
        method=found,
        text=text,
        body=Markup(link_methods(text.body_html, _method_url)),
        similar=similar,
        problems=problems,
        change=catalogue.history.get(found.id),
        instruments=catalogue.instruments,
    )


def _preview_problems(catalogue, method_id: str) -> list:
    """In the development server only: what `catalogue validate` says about this method's files."""
    return [
        problem
        for problem in catalogue.problems
        if Path(problem.path).stem == method_id and Path(problem.path).parent.name in LANGUAGES
    ]


def _method_url(method_id: str) -> str:
    return url_for("methods.method", method_id=method_id)


@bp.get("/compare")
def compare():
    """`?ids=a,b,c` (or `ids=a&ids=b`): two to four methods side by side, fact by fact."""
    catalogue = current_catalogue()
    lang = current_language()
    wanted = list(
        dict.fromkeys(
            part.strip() for value in request.args.getlist("ids") for part in value.split(",") if part.strip()
        )
    )
    unknown = [method_id for method_id in wanted if method_id not in catalogue.methods]
    chosen = [catalogue.methods[method_id] for method_id in wanted if method_id in catalogue.methods]
    errors = []
    if unknown:
        errors.append(("choose", gettext("We could not find these methods: %(ids)s.", ids=", ".join(unknown))))
    if len(chosen) > COMPARE_MAX:
        errors.append(("choose", gettext("You can compare at most %(num)s methods at a time.", num=COMPARE_MAX)))
    elif wanted and len(chosen) < COMPARE_MIN:
        errors.append(("choose", gettext("Choose at least %(num)s methods to compare.", num=COMPARE_MIN)))
    suggested = []
    if chosen:
        generation = current_generation()
        suggested = [
            catalogue.methods[i]
            for i in generation.similar(chosen[0].id, lang, limit=COMPARE_MAX * 2)
            if i in catalogue.methods and i not in wanted
        ]
    showing = chosen if not errors else []
    status = 400 if errors else 200
    return render_template(
        "methods/compare.html",
        methods=showing,
        chosen=chosen,
        suggested=suggested,
        errors=errors,
        titles={m.id: m.text(lang).title for m in chosen},
    ), status
