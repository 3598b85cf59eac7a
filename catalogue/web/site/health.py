"""`GET /healthz` for load balancers and monitoring: which generation serves, how old it is, is the content whole.

200 while this process serves a generation: `status` "ok", or "degraded" when content files were left out of
it for errors (the site serves every other method) or when `current` cannot be opened and an older
generation serves instead; 503 while it has none. Never cached.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response

import search
from catalogue.web.api.http import json_response
from catalogue.web.generation import current_catalogue, search_service

bp = Blueprint("health", __name__)

PROBLEMS_SHOWN = 20


@bp.get("/healthz", endpoint="check")
def check() -> Response:
    service = search_service()
    try:
        catalogue = current_catalogue()
        generation = service.generation()
    except search.IndexUnavailable as exc:
        response = json_response({"status": "unavailable", "generation": {"loaded": False, "error": str(exc)}}, 503)
        response.cache_control.no_store = True
        return response
    errors = catalogue.errors
    built = generation.path.stat().st_mtime
    serving = {"loaded": True, "name": generation.name, "age_seconds": round(time.time() - built)}
    if service.degraded:
        serving["problem"] = service.degraded
    body = {
        "status": "degraded" if errors or service.degraded else "ok",
        "generation": serving,
        "content": {
            "methods": len(catalogue.methods),
            "files": catalogue.files,
            "errors": len(errors),
            "problems": [str(problem) for problem in errors[:PROBLEMS_SHOWN]],
        },
    }
    response = json_response(body, 200)
    response.cache_control.no_store = True
    return response
