"""Error pages in the reader's language: 400, 404, 405, 413, 414 (any other error: a general apology), 500,
and 503 while there is no search index.

Never a stack trace: the 500 page says sorry and the log has the details.
"""

from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

import search
from catalogue.web.http.i18n import leave_parents_language

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    # For every HTTP error (by class, so the API's own JSON handler still comes first under /api/).
    app.register_error_handler(HTTPException, _page)
    app.register_error_handler(InternalServerError, _server_error)
    app.register_error_handler(search.IndexUnavailable, _no_index)


def _page(error: HTTPException):
    leave_parents_language()
    return render_template("error.html", status=error.code), error.code


def _no_index(error: search.IndexUnavailable):
    log.error("search is unavailable: %s", error)
    leave_parents_language()
    return render_template("error.html", status=503), 503


def _server_error(error: InternalServerError):
    """Flask has already logged the exception."""
    try:
        leave_parents_language()
        return render_template("error.html", status=500), 500
    except Exception:  # the error page itself failed: say so plainly rather than fail twice
        log.exception("the error page could not be shown")
        return "Internal Server Error", 500, {"Content-Type": "text/plain; charset=utf-8"}
