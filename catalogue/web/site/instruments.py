"""Follow-up instruments: an index, and a page per instrument listing the methods followed up with it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from catalogue.web.generation import current_catalogue
from catalogue.web.http.i18n import current_language

bp = Blueprint("instruments", __name__)


@bp.get("/instruments/")
def index():
    catalogue = current_catalogue()
    instruments = sorted(catalogue.instruments.values(), key=lambda instrument: instrument.name.casefold())
    uses = {instrument.id: len(catalogue.methods_using(instrument.id)) for instrument in instruments}
    return render_template("instruments/index.html", instruments=instruments, uses=uses)


@bp.get("/instruments/<instrument_id>/")
def instrument(instrument_id: str):
    catalogue = current_catalogue()
    found = catalogue.instruments.get(instrument_id)
    if found is None:
        abort(404)
    lang = current_language()
    users = [(method, method.text(lang), source) for method, source in catalogue.methods_using(found.id)]
    return render_template("instruments/instrument.html", instrument=found, users=users)
