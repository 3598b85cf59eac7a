"""Pages about the catalogue: the evidence levels, about, the accessibility statement and feedback."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import ValidationError

from catalogue.web.feedback_store import FeedbackStore, StoreFull, StoreUnavailable
from catalogue.web.generation import current_catalogue
from catalogue.web.http.i18n import current_language

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)

MESSAGE_MAX = 5000


@bp.get("/evidence/")
def evidence():
    taxonomy = current_catalogue().taxonomy
    by_level: dict[str, dict[str, list[str]]] = {level: {} for level in taxonomy.level_order}
    for registry, table in taxonomy.rating_map.items():
        for rating, level in table.items():
            by_level[level].setdefault(registry, []).append(rating)
    return render_template(
        "pages/evidence.html",
        taxonomy=taxonomy,
        by_level=by_level,
        prose=_prose("evidence"),
    )


@bp.get("/about/")
def about():
    return render_template("pages/about.html", prose=_prose("about"), methods=len(current_catalogue().methods))


@bp.get("/accessibility/")
def accessibility():
    return render_template("pages/accessibility.html", prose=_prose("accessibility"))


def _prose(page: str) -> str:
    """The template with a page's running text in the reader's language (long text is written per language)."""
    return f"pages/{page}.{current_language()}.html"


@bp.route("/feedback/", methods=["GET", "POST"])
def feedback():
    """A feedback form (the accessibility statement's feedback channel), kept in the feedback store.

    A post must carry the form's token (Flask-WTF) and, when the browser names its origin, come from this site.
    Whatever goes wrong after the reader wrote a message, the form comes back with the message in it.
    """
    form = {"message": "", "page": request.args.get("page", ""), "email": ""}
    errors = []
    status = 200
    if request.method == "POST":
        form = {key: request.form.get(key, "").strip() for key in form}
        if request.form.get("website"):  # a field people cannot see: only robots fill it in
            return redirect(url_for("pages.feedback_sent"), 303)
        if not _same_origin():
            abort(403)
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            errors.append(("message", gettext("The form had expired. Your message is still here: send it again.")))
        if not form["message"]:
            errors.append(("message", gettext("Write your feedback")))
        elif len(form["message"]) > MESSAGE_MAX:
            errors.append(("message", gettext("Your feedback must be %(num)s characters or fewer", num=MESSAGE_MAX)))
        if form["email"] and ("@" not in form["email"] or len(form["email"]) > 254):
            errors.append(("email", gettext("Enter an e-mail address in the right format, like name@example.com")))
        status = 400 if errors else 200
        if not errors:
            try:
                feedback_store().add(current_language(), form["page"][:500], form["email"], form["message"])
                return redirect(url_for("pages.feedback_sent"), 303)
            except (StoreFull, StoreUnavailable) as exc:
                log.error("feedback not kept: %s", exc)
                status = 503
    response = make_response(
        render_template(
            "pages/feedback.html",
            form=form,
            errors=errors,
            unavailable=status == 503,
            csrf_token=generate_csrf(),
            feedback_url=current_app.config["FEEDBACK_URL"],
        ),
        status,
    )
    if status == 503:
        response.headers["Retry-After"] = "3600"
    return response


@bp.get("/feedback/sent")
def feedback_sent():
    return render_template("pages/feedback_sent.html")


def feedback_store() -> FeedbackStore:
    return current_app.extensions["catalogue.feedback"]


def _same_origin() -> bool:
    """No Origin header (older browsers, some privacy settings), or this site's own, or BASE_URL's."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin in (request.host_url.rstrip("/"), current_app.config["BASE_URL"])
