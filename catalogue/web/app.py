"""The web site: `create_app()` builds the Flask app; every blueprint is registered in `_register_blueprints`.

Configuration comes from the defaults below, then `instance/config.py` (when present), then the
`config` mapping passed in (tests). Nothing is loaded at import time.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import Babel

from catalogue.content import LANGUAGES
from catalogue.web.feedback_store import FeedbackStore
from catalogue.web.settings import ROOT, defaults, trusted_hosts

DEFAULTS: dict[str, Any] = {
    **defaults(),
    "MAX_CONTENT_LENGTH": 64 * 1024,  # the feedback form is the only thing posted
    "MAX_QUERY_BYTES": 6144,  # any real search fits; gunicorn refuses request lines over 8190 bytes itself
    "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
    "SESSION_COOKIE_SAMESITE": "Lax",  # the only cookie-based state: the feedback form's token
    "WTF_CSRF_TIME_LIMIT": 24 * 3600,  # a form left open for a day still sends
    "PREVIEW": False,  # `catalogue serve`: method pages show their files' validator problems (never in production)
}
"""`catalogue.web.settings.SETTINGS`, and the limits no deployment needs to change."""


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
    app.config["INDEX_DIR"] = Path(app.config["INDEX_DIR"])
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or secrets.token_hex(32)  # shared by preloaded workers
    app.config["SESSION_COOKIE_SECURE"] = str(app.config["BASE_URL"] or "").startswith("https:")
    app.extensions["catalogue.feedback"] = FeedbackStore(
        Path(app.config["FEEDBACK_DIR"] or Path(app.instance_path) / "feedback"),
        max_messages=app.config["FEEDBACK_MAX_MESSAGES"],
        max_bytes=app.config["FEEDBACK_MAX_MB"] * 1024 * 1024,
    )
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
    from catalogue.web.site import health, home, instruments, methods, offer, pages, parents, root

    lang = "/<lang:lang>"
    app.register_blueprint(root.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(home.bp, url_prefix=lang)
    app.register_blueprint(methods.bp, url_prefix=lang)
    app.register_blueprint(parents.bp, url_prefix=lang)
    app.register_blueprint(offer.bp, url_prefix=lang)
    app.register_blueprint(pages.bp, url_prefix=lang)
    app.register_blueprint(instruments.bp, url_prefix=lang)
    app.register_blueprint(views.bp, url_prefix="/api")
    app.register_blueprint(feed.bp, url_prefix=lang)
