"""`GET /healthz` for load balancers and monitoring: which generation serves, how old it is, is the content whole.

200 while this process serves a generation: `status` "ok", or "degraded" when content files were left out of
it for errors (the site serves every other method), when `current` cannot be opened and an older
generation serves instead, or when the feedback store is full or cannot be written; 503 while it has no
generation. Never cached.

Anyone sees the status, the generation's name and age and the counts; the details that name files and folders
(the problems, why a generation could not be opened) only a request from this machine (a load balancer's or an
operator's check on loopback) or one with `?token=` equal to CATALOGUE_HEALTH_TOKEN.
"""

from __future__ import annotations

import hmac
import time

from flask import Blueprint, Response, current_app, request

import search
from catalogue.web.api.http import json_response
from catalogue.web.generation import current_catalogue, search_service

bp = Blueprint("health", __name__)

PROBLEMS_SHOWN = 20


LOOPBACK = {"127.0.0.1", "::1"}


def _details() -> bool:
    """Paths and problems only for this machine or a holder of the health token."""
    token = current_app.config["HEALTH_TOKEN"]
    if token and hmac.compare_digest(request.args.get("token", ""), token):
        return True
    return request.remote_addr in LOOPBACK and not request.headers.get("X-Forwarded-For")


@bp.get("/healthz", endpoint="check")
def check() -> Response:
    service = search_service()
    try:
        catalogue = current_catalogue()
        generation = service.generation()
    except search.IndexUnavailable as exc:
        generation = {"loaded": False, "error": str(exc) if _details() else "no generation is built yet"}
        response = json_response({"status": "unavailable", "generation": generation}, 503)
        response.cache_control.no_store = True
        return response
    errors = catalogue.errors
    built = generation.path.stat().st_mtime
    serving = {"loaded": True, "name": generation.name, "age_seconds": round(time.time() - built)}
    if service.degraded:
        serving["problem"] = service.degraded if _details() else "the current generation cannot be opened"
    feedback = current_app.extensions["catalogue.feedback"].state()
    if not _details():
        feedback.pop("reason", None)
    body = {
        "status": "degraded" if errors or service.degraded or feedback["status"] != "ok" else "ok",
        "generation": serving,
        "content": {
            "methods": len(catalogue.methods),
            "files": catalogue.files,
            "errors": len(errors),
        },
        "feedback": feedback,
    }
    if _details():
        body["content"]["problems"] = [str(problem) for problem in errors[:PROBLEMS_SHOWN]]
    response = json_response(body, 200)
    response.cache_control.no_store = True
    return response
