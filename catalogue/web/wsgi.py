"""The production entry point: `gunicorn -c deploy/gunicorn.conf.py catalogue.web.wsgi:app`.

Configuration comes from CATALOGUE_* environment variables (see catalogue/settings.py); a wrong one stops
the start with one line naming it (exit status 4, which gunicorn's master also uses for "cannot boot"), and so
does a missing CATALOGUE_BASE_URL / CATALOGUE_TRUSTED_HOSTS: production answers only to its own host names.
"""

import logging
import os
import sys

import search
from catalogue.content.taxonomy import TaxonomyError
from catalogue.web.app import create_app
from catalogue.web.http.cache import compile_templates
from catalogue.web.settings import ConfigError, from_environment

log = logging.getLogger(__name__)

try:
    app = create_app(from_environment(os.environ))
    if app.config["TRUSTED_HOSTS"] is None:
        raise ConfigError(
            "set CATALOGUE_BASE_URL (the public address, e.g. https://metoder.example.fi) or CATALOGUE_TRUSTED_HOSTS:"
            " in production the site answers only to its own host names"
        )
except (ConfigError, TaxonomyError) as exc:
    print(f"catalogue: cannot start: {exc}", file=sys.stderr, flush=True)
    raise SystemExit(4) from None

compile_templates(app)
if search.building.current_generation(app.config["INDEX_DIR"]) is None:
    log.warning(
        "no generation in %s yet: run `catalogue build`; pages and /healthz answer 503 until then",
        app.config["INDEX_DIR"],
    )
