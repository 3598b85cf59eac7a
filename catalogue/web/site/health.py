"""`GET /healthz` for load balancers and monitoring: is the index loaded, how old is it, is the content whole.

200 while this process can search (`status` "ok", or "degraded" when content files were left out for errors:
the site serves every other method); 503 while it has no index. Never cached.
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
    catalogue = current_catalogue()
    errors = catalogue.errors
    try:
        generation = search_service().generation()
    except search.IndexUnavailable as exc:
        index = {"loaded": False, "error": str(exc)}
    else:
        built = generation.path.stat().st_mtime
        index = {"loaded": True, "generation": generation.name, "age_seconds": round(time.time() - built)}
    status = "unavailable" if not index["loaded"] else "degraded" if errors else "ok"
    body = {
        "status": status,
        "index": index,
        "content": {
            "methods": len(catalogue.methods),
            "files": len(catalogue.documents),
            "errors": len(errors),
            "problems": [str(problem) for problem in errors[:PROBLEMS_SHOWN]],
        },
    }
    response = json_response(body, 200 if index["loaded"] else 503)
    response.cache_control.no_store = True
    return response
