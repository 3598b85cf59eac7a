"""The OpenAPI 3.1 description of `/api/v1/`, made from the same shapes the responses are dumped with.

Query parameters are declared here, once: the document lists them and the `/api/` page shows them. Their
allowed values come from the taxonomy in use and from the search's own limits.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from catalogue.content import LANGUAGES
from catalogue.content.offer import MAX_METHODS
from catalogue.content.taxonomy import Taxonomy
from catalogue.web.api.resources import (
    ERROR,
    EXPORT,
    INSTRUMENT,
    INSTRUMENTS,
    METHOD,
    OFFER,
    SEARCH,
    SHAPES,
    TAXONOMY,
)
from catalogue.web.api.schema import STRING, Shape, components
from search.facets import AGES, FACETS, facet_vocabulary
from search.request import MAX_PAGE, MAX_PER_PAGE, SORTS, SearchRequest

VERSION = "1.0.0"
DEFAULT_PER_PAGE = next(field.default for field in fields(SearchRequest) if field.name == "per_page")
PREFIX = "/api/v1"


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    schema: dict[str, Any]
    example: str = ""

    def openapi(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "in": "query",
            "description": self.description,
            "schema": self.schema,
        }
        if self.schema.get("type") == "array":
            described |= {"style": "form", "explode": True}
        if self.example:
            described["example"] = self.example
        return described


def language_parameter(default: str) -> Parameter:
    return Parameter(
        "lang",
        f"The language of texts and labels ({', '.join(LANGUAGES)}); another value is a 404.",
        {"type": "string", "enum": list(LANGUAGES), "default": default},
        "fi",
    )


def search_parameters(taxonomy: Taxonomy, default_lang: str) -> list[Parameter]:
    """Every parameter of `GET /api/v1/methods`, as the search (`search.SearchRequest.from_args`) reads them."""
    years = f"^({'|'.join(str(year) for year in AGES)})$"
    facet_help = {
        "evidence": "Evidence level",
        "age": f"Age band, or the child's age in whole years ({AGES.start}–{AGES[-1]}): methods whose age range covers it",
        "need": "Level of need",
        "sector": "Where it is delivered",
        "topic": "What it helps with",
        "outcome": "An outcome domain where a source reports a favourable effect (e.g. `parental_depression`)",
        "format": "How it is delivered",
        "language": "A language it is delivered in",
        "training": "Where staff can be trained: a country, or a language of training in a country written"
        " language-country, e.g. `sv-FI` for training in Swedish in Finland",
        "family_cost": "What it costs families (`free` for free for families)",
    }
    parameters = [
        language_parameter(default_lang),
        Parameter(
            "q", "Search words, in any form: inflected, compound, misspelt, any language's name.", STRING, "vanhemmuus"
        ),
    ]
    values = facet_vocabulary(taxonomy)
    for facet, vocabulary in FACETS.items():
        terms: dict[str, Any] = {"type": "string", "enum": values[facet]}
        items = {"anyOf": [terms, {"type": "string", "pattern": years}]} if facet == "age" else terms
        parameters.append(
            Parameter(
                facet,
                f"{facet_help[facet]} (`{vocabulary}` terms). Repeat it or separate values with commas: "
                "values of one parameter are OR-ed, different parameters AND-ed; an unknown value is a 400.",
                {"type": "array", "items": items},
            )
        )
    parameters += [
        Parameter(
            "plain",
            "Readings of the search words to turn off: `age` (an age in the words, such as 'tvååring', is then not"
            " read as the child's age) or a topic (`topics` term: an everyday word is then not read as that topic)."
            " Repeat it or separate values with commas; other values are ignored.",
            {"type": "array", "items": {"type": "string"}},
        ),
        Parameter(
            "sort",
            "Order: relevance (the default with search words), evidence (strongest first), name (the default "
            "without words; the language's alphabetical order) or reviewed (most recently reviewed first).",
            {"type": "string", "enum": list(SORTS)},
        ),
        Parameter(
            "page",
            f"Page number, 1 to {MAX_PAGE}.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        ),
        Parameter(
            "per_page",
            f"Results per page, 1 to {MAX_PER_PAGE}.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        ),
    ]
    return parameters


def _json(shape: Shape) -> dict[str, Any]:
    return {"application/json": {"schema": shape.ref}}


CACHE_HEADERS = {
    "ETag": {"description": "A hash of the body; send it back in If-None-Match.", "required": True, "schema": STRING},
    "Cache-Control": {"description": "How long the response may be reused.", "required": True, "schema": STRING},
    "Access-Control-Allow-Origin": {
        "description": "Always `*`: any web page may read the API.",
        "required": True,
        "schema": STRING,
    },
}


def _responses(success: dict[str, Any], description: str, errors: dict[int, str]) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": description, "headers": CACHE_HEADERS, "content": success},
        "304": {
            "description": "Not modified: the ETag sent in If-None-Match is still current.",
            "headers": CACHE_HEADERS,
        },
    }
    for status, text in errors.items():
        responses[str(status)] = {"description": text, "headers": CACHE_HEADERS, "content": _json(ERROR)}
    return responses


UNKNOWN_LANGUAGE = "Unknown language (`unknown_language`)."


def openapi_document(taxonomy: Taxonomy, default_lang: str, server: str, method_ids: list[str]) -> dict[str, Any]:
    lang = [language_parameter(default_lang).openapi()]
    method_id = {
        "name": "method_id",
        "in": "path",
        "required": True,
        "description": "The method's id (its file name), e.g. `incredible-years-parent`.",
        "schema": STRING,
    }

    offer_parameters = [
        {
            "name": "m",
            "in": "query",
            "description": f"The ids of the offer's methods, in order; repeat it or separate ids with commas; at most"
            f" {MAX_METHODS}; an unknown id is a 400. Without it, an empty offer: every gap with its suggestions.",
            "schema": {"type": "array", "items": {"type": "string", "enum": method_ids}, "maxItems": MAX_METHODS},
            "style": "form",
            "explode": True,
            "example": ["circle-of-security", "kiva"],
        },
        *lang,
    ]

    def get(
        operation: str, summary: str, parameters: list[dict[str, Any]], responses: dict[str, Any]
    ) -> dict[str, Any]:
        return {"get": {"operationId": operation, "summary": summary, "parameters": parameters, "responses": responses}}

    paths = {
        f"{PREFIX}/methods": get(
            "searchMethods",
            "Search and filter methods: the same search, results and order as the site's search page.",
            [p.openapi() for p in search_parameters(taxonomy, default_lang)],
            _responses(
                _json(SEARCH),
                "One page of results with facet counts.",
                {
                    400: "A parameter has a value that cannot mean anything (`bad_parameter`, naming it).",
                    404: UNKNOWN_LANGUAGE,
                    503: "The catalogue is not built yet (`index_unavailable`).",
                },
            ),
        ),
        f"{PREFIX}/methods/{{method_id}}": get(
            "getMethod",
            "One whole method.",
            [method_id, *lang],
            _responses(
                _json(METHOD),
                "The method.",
                {404: "No such method (`not_found`), or an unknown language (`unknown_language`)."},
            ),
        ),
        f"{PREFIX}/instruments": get(
            "listInstruments",
            "Every follow-up instrument, with the methods followed up with it.",
            lang,
            _responses(_json(INSTRUMENTS), "The instruments.", {404: UNKNOWN_LANGUAGE}),
        ),
        f"{PREFIX}/instruments/{{instrument_id}}": get(
            "getInstrument",
            "One follow-up instrument.",
            [
                {
                    "name": "instrument_id",
                    "in": "path",
                    "required": True,
                    "description": "The instrument's id, e.g. `ecbi`.",
                    "schema": STRING,
                },
                *lang,
            ],
            _responses(
                _json(INSTRUMENT),
                "The instrument.",
                {404: "No such instrument (`not_found`), or an unknown language (`unknown_language`)."},
            ),
        ),
        f"{PREFIX}/taxonomy": get(
            "getTaxonomy",
            "Every vocabulary with labels and descriptions, and the rating map.",
            lang,
            _responses(_json(TAXONOMY), "The taxonomy.", {404: UNKNOWN_LANGUAGE}),
        ),
        f"{PREFIX}/export.json": get(
            "exportJson",
            "The whole catalogue as JSON.",
            lang,
            _responses(_json(EXPORT), "Every method.", {404: UNKNOWN_LANGUAGE}),
        ),
        f"{PREFIX}/export.csv": get(
            "exportCsv",
            "The whole catalogue as CSV for spreadsheets: UTF-8 with a byte order mark, one row per method, "
            "one column per fact, facts as labels in the requested language, lists joined with `; `.",
            lang,
            _responses({"text/csv": {"schema": STRING}}, "Every method.", {404: UNKNOWN_LANGUAGE}),
        ),
        f"{PREFIX}/offer": get(
            "getOffer",
            "A family centre's offer, the same as its page on the site (`/<lang>/offer/?m=…`): the chosen methods side"
            " by side with evidence, training and cost; what they cover together (partner sectors, family-centre goals,"
            " ages from pregnancy, levels of need); the gaps, each with up to three methods that would fill it; and"
            " totals of what the sources state.",
            offer_parameters,
            _responses(
                _json(OFFER),
                "The offer.",
                {
                    400: "An unknown method id, or too many methods (`bad_parameter`, naming `m`).",
                    404: UNKNOWN_LANGUAGE,
                },
            ),
        ),
        f"{PREFIX}/offer.csv": get(
            "exportOfferCsv",
            "The offer's methods as CSV, in the order they were added, with the same columns as `/api/v1/export.csv`.",
            offer_parameters,
            _responses(
                {"text/csv": {"schema": STRING}},
                "The offer's methods.",
                {400: "An unknown method id, or too many methods (`bad_parameter`).", 404: UNKNOWN_LANGUAGE},
            ),
        ),
        f"{PREFIX}/openapi.json": get(
            "getOpenApi",
            "This description.",
            [],
            _responses({"application/json": {"schema": {"type": "object"}}}, "The OpenAPI document.", {}),
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nordic Method Catalogue open data API",
            "version": VERSION,
            "description": "Evidence-based parenting-support methods for Nordic family centres, in Swedish, Finnish "
            "and English. Read-only, no key needed. Every response has an ETag and Cache-Control; errors are JSON "
            '`{"error": {"code", "message", "parameter"}}`. Facts are taxonomy terms; `/api/v1/taxonomy` labels them.',
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": components(SHAPES)},
    }
