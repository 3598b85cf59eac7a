"""What the API sends: every object as a `Shape`, declared once for both the JSON and the OpenAPI schema.

Facts are given as taxonomy terms (stable codes; `/api/v1/taxonomy` has their labels in each language).
Texts are in the requested language, or in the nearest translation when a method lacks it: `lang` always
says which language a text is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from flask import url_for

from catalogue.content.instruments import Instrument
from catalogue.content.model import Method, Pico, Rating, Text, text_in
from catalogue.content.rendering import link_methods
from catalogue.content.schema import PARTIAL_DATE as PARTIAL_DATE_PATTERN
from catalogue.content.taxonomy import VOCABULARIES, Taxonomy
from catalogue.web.api.schema import (
    BOOLEAN,
    COUNT,
    DATE,
    INTEGER,
    LANGUAGE_CODE,
    STRING,
    STRINGS,
    TEXT_OR_NULL,
    URI,
    URI_OR_NULL,
    Prop,
    Shape,
    array,
    map_of,
    or_null,
    text_or_none,
)
from catalogue.web.generation import current_catalogue
from catalogue.web.site.present import absolute
from search.facets import FACETS
from search.request import SORTS

PARTIAL_DATE = {"type": "string", "pattern": PARTIAL_DATE_PATTERN}


def method_page(method_id: str, lang: str) -> str:
    """The full address of a method's page on the site, in `lang`."""
    return absolute(url_for("methods.method", lang=lang, method_id=method_id))


@dataclass(frozen=True)
class Reading:
    """A method as a reader of `lang` gets it: its facts, and the text in `lang` or the nearest translation."""

    method: Method
    lang: str

    @cached_property
    def text(self) -> Text:
        return self.method.text(self.lang)

    @property
    def url(self) -> str:
        return method_page(self.method.id, self.lang)


def instrument_page(instrument_id: str, lang: str) -> str:
    """The full address of an instrument's page on the site, in `lang`."""
    return absolute(url_for("instruments.instrument", lang=lang, instrument_id=instrument_id))


class LocalPico(NamedTuple):
    of: Pico
    lang: str


STUDIES = Shape(
    "Studies",
    "The studies a review rests on, as the registry states them; null where it does not say.",
    (
        Prop("count", or_null(COUNT), "How many effect studies.", lambda s: s.count),
        Prop(
            "designs",
            STRINGS,
            "Their designs: rct, quasi_experimental, pre_post, qualitative, systematic_review.",
            lambda s: list(s.designs),
        ),
        Prop("nordic", or_null(COUNT), "How many of them were Nordic.", lambda s: s.nordic),
    ),
)

PICO_TEXTS = {
    "population": "Who was studied.",
    "comparison": "Against what.",
    "effect": "The direction and size of the effect, as the source states it.",
    "applicability": "The registry's own judgement of how well the findings apply here, where it gives one.",
}

PICO = Shape(
    "Pico",
    "What the rating's review found (population, comparison, outcomes, effect, studies), in the requested"
    " language; null where the source is silent.",
    (
        *(
            Prop(part, TEXT_OR_NULL, text, lambda p, part=part: text_or_none(text_in(getattr(p.of, part), p.lang).text))
            for part, text in PICO_TEXTS.items()
        ),
        Prop("outcomes", STRINGS, "Outcome domains measured (`outcomes` terms).", lambda p: list(p.of.outcomes)),
        Prop("studies", or_null(STUDIES.ref), "The studies.", lambda p: STUDIES.dump_or_none(p.of.studies)),
        Prop("source", URI, "The page these facts were read from.", lambda p: p.of.source),
    ),
)


class LocalRating(NamedTuple):
    """A rating as read in one language (its note in that language)."""

    of: Rating
    lang: str


RATING = Shape(
    "Rating",
    "A rating a registry has published for the method.",
    (
        Prop("registry", STRING, "The registry (a `registries` term of the taxonomy).", lambda r: r.of.registry),
        Prop("rating", STRING, "The rating exactly as the registry publishes it.", lambda r: r.of.rating),
        Prop(
            "label",
            TEXT_OR_NULL,
            "The registry's own words for the rating, in its language.",
            lambda r: text_or_none(r.of.label),
        ),
        Prop(
            "note",
            TEXT_OR_NULL,
            "What the rating covers, such as one version of the programme.",
            lambda r: text_or_none(r.of.note_in(r.lang).text),
        ),
        Prop("url", URI, "The page where the rating is published.", lambda r: r.of.url),
        Prop(
            "date",
            {"oneOf": [PARTIAL_DATE, {"type": "null"}]},
            "The date the registry gives for the rating (published or updated), as precisely as it says: YYYY,"
            " YYYY-MM or YYYY-MM-DD; null when the registry states no date.",
            lambda r: r.of.date or None,
        ),
        Prop(
            "checked",
            {"type": "string", "format": "date"},
            "The day the catalogue read the registry's page.",
            lambda r: r.of.checked,
        ),
        Prop("version", TEXT_OR_NULL, "The registry's version of its review.", lambda r: text_or_none(r.of.version)),
        Prop(
            "scope",
            {"enum": ["described", "wider", "other_version"]},
            "What the rating covers: the version described, a wider programme family, or another version.",
            lambda r: r.of.scope,
        ),
        Prop(
            "level",
            TEXT_OR_NULL,
            "The catalogue's evidence level this rating maps to; null when the rating map has no entry for it.",
            lambda r: r.of.level,
        ),
        Prop(
            "pico",
            or_null(PICO.ref),
            "What the review found; null when the catalogue has not summarised it.",
            lambda r: PICO.dump(LocalPico(r.of.pico, r.lang)) if r.of.pico else None,
        ),
    ),
)

EVIDENCE = Shape(
    "Evidence",
    "The method's evidence level and the published ratings it comes from (we never rate methods ourselves).",
    (
        Prop(
            "level",
            STRING,
            "The evidence level (a `levels` term), given by the first rating; `not_rated` without one.",
            lambda r: r.method.level,
        ),
        Prop(
            "ratings",
            array(RATING.ref),
            "Published ratings, the one that sets the level first.",
            lambda r: [RATING.dump(LocalRating(rating, r.lang)) for rating in r.method.ratings],
        ),
    ),
)

AGE = Shape(
    "Age",
    "The children's ages the method is for.",
    (
        Prop("from", INTEGER, "Youngest age in whole years (included).", lambda m: m.age.start),
        Prop("to", INTEGER, "Oldest age in whole years (included).", lambda m: m.age.end),
        Prop("prenatal", BOOLEAN, "The method starts in pregnancy.", lambda m: m.age.prenatal),
        Prop("bands", STRINGS, "The age bands (`age_bands` terms) the range touches.", lambda m: list(m.age_bands)),
    ),
)

RANGE = Shape(
    "Range",
    "A number or a range of numbers; `min` equals `max` for a single number.",
    (
        Prop("min", INTEGER, "Lowest.", lambda r: r[0]),
        Prop("max", INTEGER, "Highest.", lambda r: r[1]),
    ),
)

DURATION = Shape(
    "Duration",
    "How long the method takes, where known.",
    (
        Prop("sessions", or_null(RANGE.ref), "Number of sessions.", lambda d: RANGE.dump_or_none(d.sessions)),
        Prop(
            "session_minutes",
            or_null(RANGE.ref),
            "Length of one session in minutes.",
            lambda d: RANGE.dump_or_none(d.session_minutes),
        ),
        Prop("weeks", or_null(RANGE.ref), "Weeks the whole method lasts.", lambda d: RANGE.dump_or_none(d.weeks)),
    ),
)

REFERENCE = Shape(
    "Reference",
    "A key study.",
    (
        Prop("title", STRING, "Authors and title.", lambda r: r.title),
        Prop("year", INTEGER, "Year of publication.", lambda r: r.year),
        Prop("doi", TEXT_OR_NULL, "The DOI, without https://doi.org/.", lambda r: text_or_none(r.doi)),
        Prop("url", URI_OR_NULL, "Where the study can be read, when it has no DOI.", lambda r: text_or_none(r.url)),
        Prop("link", URI, "The DOI as a link, or the URL.", lambda r: r.link),
    ),
)

SOURCE = Shape(
    "Source",
    "A public page the method's facts come from.",
    (
        Prop("url", URI, "The page.", lambda s: s.url),
        Prop("title", TEXT_OR_NULL, "What the page is.", lambda s: text_or_none(s.title)),
    ),
)

CONTACT = Shape(
    "Contact",
    "Who to ask about training and use in the Nordic countries.",
    (
        Prop("organisation", TEXT_OR_NULL, "The organisation.", lambda c: text_or_none(c.organisation)),
        Prop("url", URI_OR_NULL, "Its page for the method.", lambda c: text_or_none(c.url)),
        Prop("email", TEXT_OR_NULL, "A public e-mail address.", lambda c: text_or_none(c.email)),
    ),
)

NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}
BOOLEAN_OR_NULL: dict[str, Any] = {"type": ["boolean", "null"]}

ORGANISATION = Shape(
    "Organisation",
    "An organisation that offers or trains the method.",
    (
        Prop("organisation", STRING, "Its name.", lambda o: o.organisation),
        Prop("url", URI_OR_NULL, "Its page for the method.", lambda o: text_or_none(o.url)),
    ),
)

COUNTRY_OFFER = Shape(
    "CountryOffer",
    "Who offers and who trains the method in one country, with the page that says so.",
    (
        Prop("country", STRING, "The country (`countries` term: SE, FI, NO, DK).", lambda c: c.country),
        Prop(
            "offered_by",
            array(ORGANISATION.ref),
            "Who offers it.",
            lambda c: [ORGANISATION.dump(o) for o in c.offered_by],
        ),
        Prop(
            "trained_by",
            array(ORGANISATION.ref),
            "Who trains staff.",
            lambda c: [ORGANISATION.dump(o) for o in c.trained_by],
        ),
        Prop("training_languages", STRINGS, "Languages staff can be trained in.", lambda c: list(c.training_languages)),
        Prop("source", URI, "The page that states this.", lambda c: c.source),
    ),
)

TRAINING = Shape(
    "Training",
    "What staff training takes; null where no source states it.",
    (
        Prop("days", NUMBER_OR_NULL, "Basic training in days.", lambda t: t.days),
        Prop("hours", NUMBER_OR_NULL, "Basic training in hours.", lambda t: t.hours),
        Prop("professions", STRINGS, "Who may train (`professions` terms).", lambda t: list(t.professions)),
        Prop("certification", BOOLEAN_OR_NULL, "Leaders must be certified.", lambda t: t.certification),
        Prop("supervision", BOOLEAN_OR_NULL, "Ongoing supervision is required.", lambda t: t.supervision),
        Prop("source", URI, "The page that states this.", lambda t: t.source),
    ),
)

PROVIDER_COST = Shape(
    "ProviderCost",
    "One cost to the provider, as a source states it.",
    (
        Prop("item", STRING, "training, licence, manual, materials, certification or supervision.", lambda c: c.item),
        Prop("amount", NUMBER_OR_NULL, "The price.", lambda c: c.amount),
        Prop("currency", TEXT_OR_NULL, "Its currency.", lambda c: text_or_none(c.currency)),
        Prop("per", TEXT_OR_NULL, "What it is per.", lambda c: text_or_none(c.per)),
        Prop("year", {"type": ["integer", "null"]}, "The year it was stated.", lambda c: c.year),
        Prop("source", URI, "The page that states it.", lambda c: c.source),
    ),
)

COST = Shape(
    "Cost",
    "What the method costs families and providers.",
    (
        Prop(
            "families",
            TEXT_OR_NULL,
            "free, fee or varies (`family_costs` terms); null when not stated.",
            lambda c: text_or_none(c.families),
        ),
        Prop(
            "provider",
            array(PROVIDER_COST.ref),
            "Costs to the provider.",
            lambda c: [PROVIDER_COST.dump(x) for x in c.provider],
        ),
        Prop("source", URI, "The page that states the cost to families.", lambda c: c.source),
    ),
)

MATERIALS = Shape(
    "Materials",
    "The languages the method's materials exist in.",
    (
        Prop("languages", STRINGS, "Language codes.", lambda m: list(m.languages)),
        Prop("source", URI, "The page that lists them.", lambda m: m.source),
    ),
)

IMPLEMENTATION = Shape(
    "Implementation",
    "Where to get the method and what it takes; each part null (or empty) where no source states it.",
    (
        Prop(
            "countries",
            array(COUNTRY_OFFER.ref),
            "Per country.",
            lambda i: [COUNTRY_OFFER.dump(c) for c in i.countries],
        ),
        Prop("training", or_null(TRAINING.ref), "Staff training.", lambda i: TRAINING.dump_or_none(i.training)),
        Prop("cost", or_null(COST.ref), "Costs.", lambda i: COST.dump_or_none(i.cost)),
        Prop(
            "materials", or_null(MATERIALS.ref), "Materials' languages.", lambda i: MATERIALS.dump_or_none(i.materials)
        ),
    ),
)

OUTCOMES = Shape(
    "Outcomes",
    "The outcome domains (`outcomes` terms) the method aims to change, and those where a source reports a"
    " favourable effect.",
    (
        Prop("targeted", STRINGS, "Domains it aims to change.", lambda o: list(o.targeted)),
        Prop(
            "shown", STRINGS, "Domains with a favourable effect reported; each also targeted.", lambda o: list(o.shown)
        ),
        Prop("source", URI, "The page that states them.", lambda o: o.source),
    ),
)


class LocalFollowUp(NamedTuple):
    instrument: str
    source: str
    lang: str


FOLLOW_UP = Shape(
    "FollowUp",
    "An instrument used to follow the method up, with the page that says so.",
    (
        Prop("instrument", STRING, "The instrument's id (`/api/v1/instruments/{id}`).", lambda f: f.instrument),
        Prop("name", STRING, "Its name.", lambda f: current_catalogue().instruments[f.instrument].name),
        Prop("source", URI, "The page that says the method uses or used it.", lambda f: f.source),
        Prop("url", URI, "The instrument's page on the site.", lambda f: instrument_page(f.instrument, f.lang)),
    ),
)


HIGHLIGHTS = Shape(
    "Highlights",
    "Where the search words matched: HTML-escaped text with the matched words in <mark>…</mark>; "
    "null for a part without a match (all null when browsing without words).",
    tuple(
        Prop(part, TEXT_OR_NULL, f"The {part} with the matches marked.", lambda h, part=part: h.get(part))
        for part in ("title", "summary", "body")
    ),
)


IDENTITY_PROPS = (
    Prop("id", STRING, "The method's id (its file name; stable).", lambda r: r.method.id),
    Prop(
        "lang",
        LANGUAGE_CODE,
        "The language of the texts returned: the requested one, or the nearest translation.",
        lambda r: r.text.lang,
    ),
    Prop("title", STRING, "The method's name.", lambda r: r.text.title),
)


SUMMARY_PROPS = (
    Prop(
        "summary",
        STRING,
        "For professionals: what the method is, for whom and how it is delivered.",
        lambda r: r.text.summary,
    ),
    Prop("parent_summary", STRING, "For parents, in plain language.", lambda r: r.text.parent_summary),
)


FACT_PROPS = (  # the facts a search result and a whole method share (source: a Reading)
    Prop(
        "kind",
        {"type": "string", "enum": ["programme", "practice", "service"]},
        "What the entry is (`kinds` term): a manualised programme, a practice or a service.",
        lambda r: r.method.kind,
    ),
    Prop("evidence", EVIDENCE.ref, "Evidence level and published ratings.", lambda r: EVIDENCE.dump(r)),
    Prop("age", AGE.ref, "The children's ages.", lambda r: AGE.dump(r.method)),
    Prop("need", STRINGS, "Levels of need (`need` terms).", lambda r: list(r.method.need)),
    Prop("sectors", STRINGS, "Where the method is delivered (`sectors` terms).", lambda r: list(r.method.sectors)),
    Prop("topics", STRINGS, "What it helps with (`topics` terms).", lambda r: list(r.method.topics)),
    Prop("format", STRINGS, "How it is delivered (`formats` terms).", lambda r: list(r.method.format)),
)


URL_PROP = Prop("url", URI, "The method's page on the site, in the requested language.", lambda r: r.url)


@dataclass(frozen=True)
class Found(Reading):
    """A method a search found, with where the words matched."""

    highlights: dict[str, str]


RESULT = Shape(
    "MethodResult",
    "A method found by a search, with what a result list shows.",
    (
        *IDENTITY_PROPS,
        *SUMMARY_PROPS,
        *FACT_PROPS,
        URL_PROP,
        Prop("highlights", HIGHLIGHTS.ref, "Where the search words matched.", lambda f: HIGHLIGHTS.dump(f.highlights)),
    ),
)


def _body_html(reading: Reading) -> str:
    """The body the build rendered, its links to other methods made absolute addresses in the reader's language."""
    site = absolute("")
    return link_methods(
        reading.text.body_html,
        lambda method_id: site + url_for("methods.method", lang=reading.lang, method_id=method_id),
    )


METHOD = Shape(
    "Method",
    "A whole method: every fact, its text in one language, and the body as Markdown and as sanitised HTML.",
    (
        *IDENTITY_PROPS,
        Prop(
            "aliases",
            STRINGS,
            "Other names in this text: abbreviations, old names, names in other languages.",
            lambda r: list(r.text.aliases),
        ),
        *SUMMARY_PROPS,
        Prop(
            "reviewed",
            DATE,
            "When this text was last checked against its sources.",
            lambda r: r.text.reviewed.isoformat(),
        ),
        *FACT_PROPS,
        Prop(
            "languages",
            STRINGS,
            "Languages the method is delivered in (`languages` terms).",
            lambda r: list(r.method.languages),
        ),
        Prop(
            "duration",
            or_null(DURATION.ref),
            "How long it takes; null when not known.",
            lambda r: DURATION.dump_or_none(r.method.duration),
        ),
        Prop(
            "implementation",
            or_null(IMPLEMENTATION.ref),
            "Where to get it: who offers and trains it per country, training, cost, materials; null when no source"
            " states any of it.",
            lambda r: IMPLEMENTATION.dump_or_none(r.method.implementation),
        ),
        Prop(
            "outcomes",
            or_null(OUTCOMES.ref),
            "What it aims to change and where effects are shown; null when no source states it.",
            lambda r: OUTCOMES.dump_or_none(r.method.outcomes),
        ),
        Prop(
            "follow_up",
            array(FOLLOW_UP.ref),
            "Instruments to follow it up with.",
            lambda r: [FOLLOW_UP.dump(LocalFollowUp(f.instrument, f.source, r.lang)) for f in r.method.follow_up],
        ),
        Prop("website", URI_OR_NULL, "The method's own web site.", lambda r: text_or_none(r.method.website)),
        Prop(
            "references",
            array(REFERENCE.ref),
            "Key studies.",
            lambda r: [REFERENCE.dump(x) for x in r.method.references],
        ),
        Prop(
            "sources",
            array(SOURCE.ref),
            "Public pages the facts come from.",
            lambda r: [SOURCE.dump(x) for x in r.method.sources],
        ),
        Prop(
            "training", TEXT_OR_NULL, "What staff need to deliver the method.", lambda r: text_or_none(r.text.training)
        ),
        Prop(
            "contact",
            or_null(CONTACT.ref),
            "Who to ask; null when not given.",
            lambda r: CONTACT.dump_or_none(r.text.contact),
        ),
        Prop("body_markdown", STRING, "The longer text, as written (Markdown).", lambda r: r.text.body),
        Prop(
            "body_html",
            STRING,
            "The longer text as sanitised HTML; links to other methods point at their pages.",
            _body_html,
        ),
        Prop(
            "translations",
            array(LANGUAGE_CODE),
            "The languages the method has its own text in.",
            lambda r: r.method.translations,
        ),
        URL_PROP,
    ),
)


@dataclass(frozen=True)
class Page:
    """One page of search results."""

    results: Any  # search.Results
    found: list[Found]


FACET_COUNTS = Shape(
    "FacetCounts",
    "For each facet, each value's number of matches if it were selected (with the other facets' selections).",
    tuple(
        Prop(facet, map_of(COUNT), f"`{vocabulary}` term → count.", lambda facets, facet=facet: facets.get(facet, {}))
        for facet, vocabulary in FACETS.items()
    ),
)

AGE_HINT = Shape(
    "AgeInQuery",
    "An age read from the query's words (e.g. 'tvååring', '2-vuotias', 'pregnant').",
    (
        Prop("words", STRING, "The words it was read from.", lambda a: a.words),
        Prop("years", or_null(INTEGER), "The child's age in years, when the words give one.", lambda a: a.years),
        Prop("band", TEXT_OR_NULL, "An age band (`age_bands` term), when the words give a band.", lambda a: a.band),
    ),
)

SEARCH = Shape(
    "SearchResults",
    "One page of methods matching a search, with facet counts over every match.",
    (
        Prop("total", COUNT, "Methods matching the search and filters.", lambda p: p.results.total),
        Prop("page", {"type": "integer", "minimum": 1}, "This page's number.", lambda p: p.results.page),
        Prop("per_page", {"type": "integer", "minimum": 1}, "Results per page.", lambda p: p.results.per_page),
        Prop("pages", {"type": "integer", "minimum": 1}, "Number of pages.", lambda p: p.results.pages),
        Prop("sort", {"type": "string", "enum": list(SORTS)}, "The order used.", lambda p: p.results.sort),
        Prop("relaxed", BOOLEAN, "No method had every word; these have some of them.", lambda p: p.results.relaxed),
        Prop(
            "suggestion",
            TEXT_OR_NULL,
            'A corrected query when words look misspelt ("did you mean").',
            lambda p: p.results.suggestion,
        ),
        Prop(
            "concepts",
            STRINGS,
            "Topics (`topics` terms) that everyday words of the query were read as; each also matched the methods"
            " tagged with it. Send `plain=<topic>` to search the words as typed.",
            lambda p: list(p.results.concepts),
        ),
        Prop(
            "age",
            or_null(AGE_HINT.ref),
            "The child's age the query's words gave (methods for it come first); null when none. Send `plain=age`"
            " to search the words as typed.",
            lambda p: AGE_HINT.dump_or_none(p.results.age),
        ),
        Prop("facets", FACET_COUNTS.ref, "Counts per facet value.", lambda p: FACET_COUNTS.dump(p.results.facets)),
        Prop(
            "results",
            array(RESULT.ref),
            "The methods on this page, in order.",
            lambda p: [RESULT.dump(f) for f in p.found],
        ),
    ),
)

TERM_EXTRAS: dict[str, tuple[Prop, ...]] = {
    "sectors": (
        Prop(
            "family_centre_partner",
            BOOLEAN,
            "One of the four family-centre partners.",
            lambda t: bool(t.entry.get("family_centre_partner")),
        ),
    ),
    "age_bands": (
        Prop("from", or_null(INTEGER), "Youngest age in the band; null for pregnancy.", lambda t: t.entry.get("from")),
        Prop("to", or_null(INTEGER), "Oldest age in the band; null for pregnancy.", lambda t: t.entry.get("to")),
        Prop("prenatal", BOOLEAN, "The band is pregnancy.", lambda t: bool(t.entry.get("prenatal"))),
    ),
    "registries": (
        Prop("name", STRING, "The registry's own name.", lambda t: t.entry["name"]),
        Prop("url", URI, "The registry's web site.", lambda t: t.entry["url"]),
    ),
}
"""Vocabulary-specific fields of a term, beside term, label and description."""


@dataclass(frozen=True)
class Localised:
    taxonomy: Taxonomy
    lang: str


@dataclass(frozen=True)
class Term:
    term: str
    entry: dict[str, Any]
    lang: str


def _term_shape(vocabulary: str) -> Shape:
    name = "".join(part.title() for part in vocabulary.split("_")) + "Term"
    return Shape(
        name,
        f"A term of the `{vocabulary}` vocabulary.",
        (
            Prop("term", STRING, "The code used in facts and query parameters.", lambda t: t.term),
            Prop("label", STRING, "Its name in the requested language.", lambda t: t.entry["label"][t.lang]),
            Prop(
                "description",
                STRING,
                "What it means, in the requested language.",
                lambda t: t.entry["description"][t.lang],
            ),
            *TERM_EXTRAS.get(vocabulary, ()),
        ),
    )


TERMS = {vocabulary: _term_shape(vocabulary) for vocabulary in VOCABULARIES}

VOCABULARY_LISTS = Shape(
    "Vocabularies",
    "Every vocabulary, its terms in the catalogue's order (evidence levels strongest first).",
    tuple(
        Prop(
            vocabulary,
            array(shape.ref),
            f"The `{vocabulary}` terms.",
            lambda loc, vocabulary=vocabulary, shape=shape: [
                shape.dump(Term(term, entry, loc.lang)) for term, entry in loc.taxonomy[vocabulary].items()
            ],
        )
        for vocabulary, shape in TERMS.items()
    ),
)

TAXONOMY = Shape(
    "Taxonomy",
    "The controlled vocabularies with labels and descriptions in one language, and the rating map.",
    (
        Prop("lang", LANGUAGE_CODE, "The language of labels and descriptions.", lambda loc: loc.lang),
        Prop("vocabularies", VOCABULARY_LISTS.ref, "Every vocabulary.", VOCABULARY_LISTS.dump),
        Prop(
            "rating_map",
            map_of(map_of(STRING)),
            "Registry → published rating → the evidence level it gives.",
            lambda loc: loc.taxonomy.rating_map,
        ),
    ),
)


ERROR_DETAIL = Shape(
    "ErrorDetail",
    "What went wrong.",
    (
        Prop(
            "code",
            {
                "type": "string",
                "enum": [
                    "bad_parameter",
                    "bad_request",
                    "not_found",
                    "unknown_language",
                    "method_not_allowed",
                    "index_unavailable",
                    "internal_error",
                ],
            },
            "A stable code to test for.",
            lambda e: e.code,
        ),
        Prop(
            "message",
            STRING,
            "In English, for a developer; names the parameter for bad_parameter.",
            lambda e: e.message,
        ),
        Prop("parameter", TEXT_OR_NULL, "The query parameter at fault, when one is.", lambda e: e.parameter),
    ),
)

ERROR = Shape(
    "Error",
    "An error response.",
    (Prop("error", ERROR_DETAIL.ref, "What went wrong.", lambda e: ERROR_DETAIL.dump(e)),),
)


@dataclass(frozen=True)
class Everything:
    """Every method, read in one language."""

    lang: str
    readings: list[Reading]


EXPORT = Shape(
    "Export",
    "The whole catalogue in one language: every method, whole, sorted by id.",
    (
        Prop("lang", LANGUAGE_CODE, "The requested language.", lambda e: e.lang),
        Prop("total", COUNT, "Number of methods.", lambda e: len(e.readings)),
        Prop("methods", array(METHOD.ref), "Every method.", lambda e: [METHOD.dump(r) for r in e.readings]),
    ),
)


@dataclass(frozen=True)
class OfferReading:
    """A family centre's offer read in one language, with the address of its page on the site."""

    offer: Any  # catalogue.content.offer.Offer
    lang: str
    page: str


OFFER_METHOD = Shape(
    "OfferMethod",
    "A method of the offer: what the plan shows side by side, and the pages its facts come from.",
    (
        *IDENTITY_PROPS,
        Prop("level", STRING, "The evidence level (a `levels` term).", lambda r: r.method.level),
        Prop("age", AGE.ref, "The children's ages.", lambda r: AGE.dump(r.method)),
        Prop("need", STRINGS, "Levels of need (`need` terms).", lambda r: list(r.method.need)),
        Prop("sectors", STRINGS, "Where it is delivered (`sectors` terms).", lambda r: list(r.method.sectors)),
        Prop("topics", STRINGS, "What it helps with (`topics` terms).", lambda r: list(r.method.topics)),
        Prop("languages", STRINGS, "Languages it is delivered in.", lambda r: list(r.method.languages)),
        Prop(
            "implementation",
            or_null(IMPLEMENTATION.ref),
            "Where to get it, training and cost; null when no source states any of it.",
            lambda r: IMPLEMENTATION.dump_or_none(r.method.implementation),
        ),
        Prop(
            "sources",
            array(SOURCE.ref),
            "Public pages the facts come from.",
            lambda r: [SOURCE.dump(x) for x in r.method.sources],
        ),
        URL_PROP,
    ),
)

COVERAGE_AREA = Shape(
    "CoverageArea",
    "One term of a dimension and the offer's methods that cover it.",
    (
        Prop("term", STRING, "The term (of the dimension's vocabulary).", lambda a: a.term),
        Prop(
            "expected",
            BOOLEAN,
            "A family centre's offer should cover it: a partner sector, a family-centre goal, an age from pregnancy"
            " to school age, any level of need.",
            lambda a: a.expected,
        ),
        Prop("gap", BOOLEAN, "Expected and covered by no method of the offer.", lambda a: a.gap),
        Prop("methods", STRINGS, "Ids of the offer's methods that cover it.", lambda a: list(a.methods)),
    ),
)

COVERAGE_DIMENSION = Shape(
    "CoverageDimension",
    "What the offer covers along one dimension.",
    (
        Prop(
            "vocabulary",
            {"type": "string", "enum": ["sectors", "topics", "age_bands", "need"]},
            "The dimension: partner sectors, goals (topics), age bands or levels of need.",
            lambda d: d.name,
        ),
        Prop(
            "areas",
            array(COVERAGE_AREA.ref),
            "Every term, in the taxonomy's order.",
            lambda d: [COVERAGE_AREA.dump(a) for a in d.areas],
        ),
    ),
)

GAP = Shape(
    "Gap",
    "An expected term no method of the offer covers, and methods that would cover it.",
    (
        Prop("vocabulary", STRING, "The dimension.", lambda g: g.dimension),
        Prop("term", STRING, "The term not covered.", lambda g: g.term),
        Prop(
            "suggestions",
            STRINGS,
            "Ids of methods not in the offer that cover it: strongest evidence first, then those filling most gaps.",
            lambda g: list(g.suggestions),
        ),
    ),
)

TOTAL = Shape(
    "Total",
    "A figure added up over the methods whose sources state it.",
    (
        Prop("value", {"type": "number"}, "The sum.", lambda t: t.value),
        Prop("stated", COUNT, "How many of the offer's methods state it.", lambda t: t.stated),
    ),
)

PROVIDER_TOTAL = Shape(
    "ProviderCostTotal",
    "Stated costs to the provider in one currency and per one unit, added up.",
    (
        Prop("currency", TEXT_OR_NULL, "The currency.", lambda pair: text_or_none(pair[0][0])),
        Prop("per", TEXT_OR_NULL, "What the cost is per.", lambda pair: text_or_none(pair[0][1])),
        Prop("value", {"type": "number"}, "The sum.", lambda pair: pair[1].value),
        Prop("stated", COUNT, "How many costs it adds up.", lambda pair: pair[1].stated),
    ),
)

OFFER_TOTALS = Shape(
    "OfferTotals",
    "The offer in figures; sums only of what the sources state.",
    (
        Prop("methods", COUNT, "Methods in the offer.", lambda t: t.methods),
        Prop("levels", map_of(COUNT), "Evidence level → methods.", lambda t: t.levels),
        Prop(
            "training_days",
            TOTAL.ref,
            "Days of basic staff training, all methods together.",
            lambda t: TOTAL.dump(t.training_days),
        ),
        Prop(
            "training_hours",
            TOTAL.ref,
            "Hours of basic staff training, all methods together.",
            lambda t: TOTAL.dump(t.training_hours),
        ),
        Prop("certification", COUNT, "Methods whose leaders must be certified.", lambda t: t.certification),
        Prop(
            "family_costs",
            map_of(COUNT),
            "Cost to families (`family_costs` term, or `not_stated`) → methods.",
            lambda t: {term or "not_stated": count for term, count in t.family_costs.items()},
        ),
        Prop(
            "provider_costs",
            array(PROVIDER_TOTAL.ref),
            "Stated costs to the provider, added up per currency and unit.",
            lambda t: [PROVIDER_TOTAL.dump(pair) for pair in t.provider_costs.items()],
        ),
    ),
)

OFFER = Shape(
    "Offer",
    "A family centre's offer: its methods side by side, what they cover together, the gaps with suggestions, and"
    " totals.",
    (
        Prop("lang", LANGUAGE_CODE, "The requested language.", lambda o: o.lang),
        Prop("url", URI, "The offer's page on the site (shareable: the address holds the list).", lambda o: o.page),
        Prop(
            "methods",
            array(OFFER_METHOD.ref),
            "The methods, in the order they were added.",
            lambda o: [OFFER_METHOD.dump(Reading(m, o.lang)) for m in o.offer.methods],
        ),
        Prop(
            "coverage",
            array(COVERAGE_DIMENSION.ref),
            "Partner sectors, goals, ages and levels of need.",
            lambda o: [COVERAGE_DIMENSION.dump(d) for d in o.offer.dimensions],
        ),
        Prop(
            "gaps", array(GAP.ref), "What the offer does not cover yet.", lambda o: [GAP.dump(g) for g in o.offer.gaps]
        ),
        Prop("totals", OFFER_TOTALS.ref, "The offer in figures.", lambda o: OFFER_TOTALS.dump(o.offer.totals)),
    ),
)


@dataclass(frozen=True)
class LocalInstrument:
    """An instrument read in one language, with the methods followed up with it."""

    instrument: Instrument
    lang: str

    @property
    def users(self) -> list[dict[str, Any]]:
        return [
            {
                "id": method.id,
                "title": method.text(self.lang).title,
                "url": method_page(method.id, self.lang),
                "source": source,
            }
            for method, source in current_catalogue().methods_using(self.instrument.id)
        ]


INSTRUMENT_USER = Shape(
    "InstrumentUser",
    "A method followed up with the instrument.",
    (
        Prop("id", STRING, "The method's id.", lambda u: u["id"]),
        Prop("title", STRING, "Its name in the requested language (or the nearest translation).", lambda u: u["title"]),
        Prop("url", URI, "Its page on the site.", lambda u: u["url"]),
        Prop("source", URI, "The page that says the method uses or used the instrument.", lambda u: u["source"]),
    ),
)

INSTRUMENT = Shape(
    "Instrument",
    "A follow-up instrument: what it measures, who may administer it, its licence and languages, from `source`;"
    " null where no source says.",
    (
        Prop("id", STRING, "Its id (stable).", lambda i: i.instrument.id),
        Prop("name", STRING, "Its name.", lambda i: i.instrument.name),
        Prop(
            "measures",
            STRING,
            "What it measures, in the requested language.",
            lambda i: i.instrument.text("measures", i.lang).text,
        ),
        Prop(
            "administered_by",
            TEXT_OR_NULL,
            "Who may administer or score it.",
            lambda i: text_or_none(i.instrument.text("administered_by", i.lang).text),
        ),
        Prop(
            "licence",
            {"enum": ["free", "licensed", None]},
            "free or licensed; null when not stated.",
            lambda i: i.instrument.licence or None,
        ),
        Prop(
            "languages", STRINGS, "Languages it exists in (`languages` terms).", lambda i: list(i.instrument.languages)
        ),
        Prop("source", URI, "The page its facts were read from.", lambda i: i.instrument.source),
        Prop("url", URI, "Its page on the site.", lambda i: instrument_page(i.instrument.id, i.lang)),
        Prop(
            "methods",
            array(INSTRUMENT_USER.ref),
            "The methods followed up with it.",
            lambda i: [INSTRUMENT_USER.dump(user) for user in i.users],
        ),
    ),
)


@dataclass(frozen=True)
class Instruments:
    lang: str
    instruments: list[LocalInstrument]


INSTRUMENTS = Shape(
    "Instruments",
    "Every follow-up instrument, sorted by id.",
    (
        Prop("lang", LANGUAGE_CODE, "The requested language.", lambda e: e.lang),
        Prop("total", COUNT, "Number of instruments.", lambda e: len(e.instruments)),
        Prop(
            "instruments",
            array(INSTRUMENT.ref),
            "Every instrument.",
            lambda e: [INSTRUMENT.dump(i) for i in e.instruments],
        ),
    ),
)

SHAPES = [
    SEARCH, AGE_HINT, FACET_COUNTS, RESULT, HIGHLIGHTS, METHOD, EVIDENCE, RATING, AGE, DURATION, RANGE, REFERENCE, SOURCE,
    CONTACT, IMPLEMENTATION, COUNTRY_OFFER, ORGANISATION, TRAINING, COST, PROVIDER_COST, MATERIALS, PICO, STUDIES,
    OUTCOMES, FOLLOW_UP, INSTRUMENTS, INSTRUMENT, INSTRUMENT_USER, TAXONOMY,
    VOCABULARY_LISTS, *TERMS.values(), EXPORT, ERROR, ERROR_DETAIL, OFFER, OFFER_METHOD, COVERAGE_DIMENSION,
    COVERAGE_AREA, GAP, OFFER_TOTALS, TOTAL, PROVIDER_TOTAL,
]  # fmt: skip
"""Every shape, for the OpenAPI document's components."""
