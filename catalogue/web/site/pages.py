"""Pages about the catalogue: the evidence levels, about, the accessibility statement and feedback."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from catalogue.web.generation import current_catalogue
from catalogue.web.http.i18n import current_language

bp = Blueprint("pages", __name__)

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
    """A feedback form (the accessibility statement's feedback channel): kept as one JSON file per message."""
    form = {"message": "", "page": request.args.get("page", ""), "email": ""}
    errors = []
    if request.method == "POST":
        form = {key: request.form.get(key, "").strip() for key in form}
        if request.form.get("website"):  # a field people cannot see: only robots fill it in
            return redirect(url_for("pages.feedback_sent"), 303)
        if not form["message"]:
            errors.append(("message", gettext("Write your feedback")))
        elif len(form["message"]) > MESSAGE_MAX:
            errors.append(("message", gettext("Your feedback must be %(num)s characters or fewer", num=MESSAGE_MAX)))
        if form["email"] and ("@" not in form["email"] or len(form["email"]) > 254):
            errors.append(("email", gettext("Enter an e-mail address in the right format, like name@example.com")))
        if not errors:
            _store_feedback(form)
            return redirect(url_for("pages.feedback_sent"), 303)
    status = 400 if errors else 200
    return render_template(
        "pages/feedback.html", form=form, errors=errors, feedback_url=current_app.config["FEEDBACK_URL"]
    ), status


@bp.get("/feedback/sent")
def feedback_sent():
    return render_template("pages/feedback_sent.html")


def _store_feedback(form: dict[str, str]) -> None:
    folder = Path(current_app.config["FEEDBACK_DIR"] or Path(current_app.instance_path) / "feedback")
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    record = {
        "received": now.isoformat(timespec="seconds"),
        "lang": current_language(),
        **form,
        "page": form["page"][:500],
    }
    path = folder / f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
