"""The web site: `create_app()` builds the Flask app; every blueprint is registered in `_register_blueprints`.

Configuration comes from the defaults below, then `instance/config.py` (when present), then the
`config` mapping passed in (tests). Nothing is loaded at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import Babel

from catalogue.content import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
"""The repository: templates/, static/ and translations/ live here, next to content/."""

DEFAULTS: dict[str, Any] = {
    "CONTENT_DIR": ROOT / "content",
    "INDEX_DIR": ROOT / "instance" / "index",
    "DEFAULT_LANGUAGE": "sv",
    "SITE_NAME": {
        "sv": "Nordisk metodkatalog",
        "fi": "Pohjoismainen menetelmäkatalogi",
        "en": "Nordic Method Catalogue",
    },
    "BASE_URL": None,  # e.g. "https://metoder.example.fi"; None: the address the request came to
    "FEEDBACK_URL": None,  # a public issue tracker for feedback, shown next to the feedback form
    "FEEDBACK_DIR": None,  # where feedback from the form is kept; None: instance/feedback
    "MAX_CONTENT_LENGTH": 64 * 1024,  # the feedback form is the only thing posted
    "MAX_QUERY_BYTES": 6144,  # any real search fits; gunicorn refuses request lines over 8190 bytes itself
    "TRUSTED_PROXIES": 0,  # reverse proxies in front whose X-Forwarded-For/-Proto/-Host are believed
    "PAGE_CACHE_MB": 64,  # rendered pages kept per worker process (0: none)
    "SEARCH_CACHE_ENTRIES": 1024,  # search results kept per worker process
    "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    if config:
        app.config.from_mapping(config)
    for key in ("CONTENT_DIR", "INDEX_DIR"):
        app.config[key] = Path(app.config[key])
    if app.config["DEFAULT_LANGUAGE"] not in LANGUAGES:
        raise ValueError(f"DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}")

    from catalogue.web import generation
    from catalogue.web.http import cache, errors, i18n, security
    from catalogue.web.site import present

    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LANGUAGE"]
    Babel(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    generation.init_app(app)
    present.init_app(app)
    errors.init_app(app)
    cache.init_app(app)
    security.init_app(app)  # after the page cache: its ProxyFix wraps the cache
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Every area of the site, in one place. Pages under a language take the `/<lang>` prefix."""
    from catalogue.web.api import feed, views  # open data: the JSON API, exports and the Atom feed
    from catalogue.web.site import health, home, methods, pages, parents, root

    lang = "/<lang:lang>"
    app.register_blueprint(root.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(home.bp, url_prefix=lang)
    app.register_blueprint(methods.bp, url_prefix=lang)
    app.register_blueprint(parents.bp, url_prefix=lang)
    app.register_blueprint(pages.bp, url_prefix=lang)
    app.register_blueprint(views.bp, url_prefix="/api")
    app.register_blueprint(feed.bp, url_prefix=lang)
