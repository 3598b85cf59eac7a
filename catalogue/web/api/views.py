"""The open-data API under `/api`: `/api/` explains it, `/api/v1/` serves it (read-only JSON and CSV).

Search goes through the site's own search (`search.SearchService`), so the API and the search page give the
same methods in the same order. Every answer, errors included, has CORS, Cache-Control and an ETag
(`api_http`); errors are `{"error": {"code", "message", "parameter"}}` and never a 500 for any input.
"""

from __future__ import annotations

import json
import logging
import re

from flask import Blueprint, Response, current_app, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, InternalServerError

import search
from catalogue.content import LANGUAGES
from catalogue.content.offer import MAX_METHODS, plan
from catalogue.web.api.exports import export_csv, export_json, readings
from catalogue.web.api.http import json_response, json_text, open_data_headers
from catalogue.web.api.openapi import openapi_document, search_parameters
from catalogue.web.api.resources import (
    ERROR,
    INSTRUMENT,
    INSTRUMENTS,
    METHOD,
    OFFER,
    SEARCH,
    TAXONOMY,
    Found,
    Instruments,
    LocalInstrument,
    Localised,
    OfferReading,
    Page,
    Reading,
)
from catalogue.web.generation import current_catalogue, once_per_generation, run_search
from catalogue.web.site.offer import PARAMETER as OFFER_PARAMETER
from catalogue.web.site.offer import offer_ids
from catalogue.web.site.present import absolute

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__)
bp.after_request(open_data_headers)

EXAMPLE = {"lang": "fi", "age": "3", "sector": "child_health"}
"""The example on `/api/`: Finnish methods for three-year-olds in child health care."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter


HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 503: "index_unavailable"}


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    response = json_response(ERROR.dump(error), error.status)
    if error.status == 405:
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
    return response


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    code = HTTP_CODES.get(status, "bad_request" if status < 500 else "internal_error")
    return _api_error(ApiError(status, code, error.description or error.name))


@bp.errorhandler(InternalServerError)
def _server_error(error: InternalServerError) -> Response:
    """Flask has logged the exception; the client gets the stable shape."""
    return _api_error(ApiError(500, "internal_error", "Something went wrong on our side; it has been logged."))


@bp.errorhandler(search.IndexUnavailable)
def _no_index(error: search.IndexUnavailable) -> Response:
    log.error("API without a generation: %s", error)
    return _api_error(
        ApiError(503, "index_unavailable", "The catalogue is not built yet (`catalogue build`); try again shortly.")
    )


def requested_language() -> str:
    """`lang` from the query string (the site's default language when absent); 404 for any other language."""
    given = request.args.getlist("lang")
    if not given:
        return current_app.config["DEFAULT_LANGUAGE"]
    lang = given[-1]
    if lang not in LANGUAGES:
        raise ApiError(
            404,
            "unknown_language",
            f"lang: '{lang[:20]}' is not a language of the catalogue; use one of: {', '.join(LANGUAGES)}",
            "lang",
        )
    return lang


@bp.get("/v1/methods")
def methods() -> Response:
    return json_response(search_json(requested_language(), request.args.to_dict(flat=False)))


def search_json(lang: str, args: dict[str, list[str]]) -> dict:
    """What `GET /api/v1/methods` answers for these query parameters."""
    catalogue = current_catalogue()
    try:
        query = search.SearchRequest.from_args(lang, args, catalogue.taxonomy)
    except search.BadParameter as exc:
        raise ApiError(400, "bad_parameter", str(exc), exc.name) from exc
    except ValueError as exc:  # a value the parser did not foresee is still the caller's, not a 500
        raise ApiError(400, "bad_parameter", f"a parameter has a value that cannot be read: {exc}") from exc
    results = run_search(query)
    found = [
        Found(catalogue.methods[hit.id], lang, hit.highlights) for hit in results.hits if hit.id in catalogue.methods
    ]
    return SEARCH.dump(Page(results, found))


@bp.get("/v1/methods/<method_id>")
def method(method_id: str) -> Response:
    lang = requested_language()
    found = current_catalogue().methods.get(method_id)
    if found is None:
        raise ApiError(404, "not_found", f"no method has the id '{method_id[:80]}'")
    return json_response(METHOD.dump(Reading(found, lang)))


@bp.get("/v1/instruments")
def instruments() -> Response:
    lang = requested_language()
    found = current_catalogue().instruments
    return json_response(INSTRUMENTS.dump(Instruments(lang, [LocalInstrument(found[i], lang) for i in sorted(found)])))


@bp.get("/v1/instruments/<instrument_id>")
def instrument(instrument_id: str) -> Response:
    lang = requested_language()
    found = current_catalogue().instruments.get(instrument_id)
    if found is None:
        raise ApiError(404, "not_found", f"no instrument has the id '{instrument_id[:80]}'")
    return json_response(INSTRUMENT.dump(LocalInstrument(found, lang)))


@bp.get("/v1/taxonomy")
def taxonomy() -> Response:
    return json_response(TAXONOMY.dump(Localised(current_catalogue().taxonomy, requested_language())))


@bp.get("/v1/openapi.json")
def openapi() -> Response:
    server = absolute("/").rstrip("/")
    catalogue = current_catalogue()
    return json_response(
        openapi_document(catalogue.taxonomy, current_app.config["DEFAULT_LANGUAGE"], server, sorted(catalogue.methods))
    )


@bp.get("/v1/export.json")
def export_as_json() -> Response:
    lang = requested_language()
    body = once_per_generation(
        ("export.json", lang, absolute("/")), lambda: json_text(export_json(readings(current_catalogue(), lang), lang))
    )
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'inline; filename="methods-{lang}.json"'
    return response


@bp.get("/v1/export.csv")
def export_as_csv() -> Response:
    lang = requested_language()
    catalogue = current_catalogue()
    body = once_per_generation(
        ("export.csv", lang, absolute("/")), lambda: export_csv(readings(catalogue, lang), catalogue.taxonomy)
    )
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="methods-{lang}.csv"'
    return response


def requested_offer() -> list[Reading]:
    """The methods of `?m=id&m=id` (or `m=id,id`), in order; 400 naming `m` for an unknown id or too many."""
    ids, unknown = offer_ids()
    if unknown:
        raise ApiError(400, "bad_parameter", f"m: no method has the id '{unknown[0]}'", OFFER_PARAMETER)
    if len(ids) > MAX_METHODS:
        raise ApiError(400, "bad_parameter", f"m: an offer holds at most {MAX_METHODS} methods", OFFER_PARAMETER)
    lang = requested_language()
    catalogue = current_catalogue()
    return [Reading(catalogue.methods[method_id], lang) for method_id in ids]


@bp.get("/v1/offer")
def offer() -> Response:
    """A family centre's offer: its methods, coverage, gaps with suggestions, and totals."""
    readings = requested_offer()
    lang = requested_language()
    catalogue = current_catalogue()
    methods = [r.method for r in readings]
    page = absolute(url_for("offer.plan", lang=lang, m=[m.id for m in methods]))
    found = plan(methods, catalogue.methods.values(), catalogue.taxonomy, lang)
    return json_response(OFFER.dump(OfferReading(found, lang, page)))


@bp.get("/v1/offer.csv")
def offer_as_csv() -> Response:
    """The offer's methods as the whole-catalogue CSV has them, one row each, in the order they were added."""
    readings = requested_offer()
    response = Response(export_csv(readings, current_catalogue().taxonomy), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="offer-{requested_language()}.csv"'
    return response


@bp.route("/<path:unknown>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def unknown_address(unknown: str) -> Response:
    """Any other address or method under /api/ answers in JSON too: 405 for an API address, 404 otherwise."""
    try:
        endpoint, _ = current_app.url_map.bind_to_environ(request.environ).match(method="GET")
    except HTTPException:
        endpoint = request.endpoint
    if endpoint != request.endpoint:
        raise ApiError(
            405, "method_not_allowed", f"{request.method[:20]} is not allowed here: the API is read-only (GET)"
        )
    raise ApiError(404, "not_found", f"no such address: {request.path[:200]}; see {url_for('api.openapi')}")


def _code_spans(text: str) -> Markup:
    """A description's `code` as <code>code</code> (the OpenAPI descriptions are Markdown)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


@bp.get("/")
def index() -> Response:
    """The human-readable page about the API, with a live example."""
    example_url = absolute(url_for("api.methods", **EXAMPLE))
    try:
        example = search_json(EXAMPLE["lang"], {key: [value] for key, value in EXAMPLE.items()})
    except search.IndexUnavailable:
        example = None
    catalogue = current_catalogue()
    html = render_template(
        "api.html",
        example_url=example_url,
        total=example["total"] if example else None,
        first=json.dumps(example["results"][0], ensure_ascii=False, indent=2)
        if example and example["results"]
        else None,
        parameters=search_parameters(catalogue.taxonomy, current_app.config["DEFAULT_LANGUAGE"]),
        openapi_url=absolute(url_for("api.openapi")),
        languages=LANGUAGES,
        code=_code_spans,
    )
    response = Response(html, mimetype="text/html")
    response.vary.update(("Accept-Language", "Cookie"))
    return response
