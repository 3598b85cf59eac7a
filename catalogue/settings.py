"""Production configuration from environment variables, checked at start.

Every variable is optional; the defaults serve the repository's own content and index. A wrong
value stops the start with a message naming the variable, never a half-working site.

| variable | default | meaning |
|---|---|---|
| CATALOGUE_CONTENT_DIR | ./content | the content folder (must hold taxonomy.yaml) |
| CATALOGUE_INDEX_DIR | ./instance/index | the search index built by `catalogue index` |
| CATALOGUE_DEFAULT_LANGUAGE | sv | language for `/` when the browser states none (sv, fi, en) |
| CATALOGUE_SITE_NAME_SV / _FI / _EN | the built-in names | the site's name in each language |
| CATALOGUE_BASE_URL | (the request's address) | public address, e.g. https://metoder.example.fi |
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import LANGUAGES

PREFIX = "CATALOGUE_"


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and says how to fix it."""


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    content = environ.get(PREFIX + "CONTENT_DIR")
    if content is not None:
        path = Path(content)
        if not (path / "taxonomy.yaml").is_file():
            raise ConfigError(f"{PREFIX}CONTENT_DIR={content}: no taxonomy.yaml there; point it at the content folder")
        config["CONTENT_DIR"] = path
    index = environ.get(PREFIX + "INDEX_DIR")
    if index is not None:
        if not index.strip():
            raise ConfigError(f"{PREFIX}INDEX_DIR is empty; give the folder `catalogue index --index` wrote")
        config["INDEX_DIR"] = Path(index)
    lang = environ.get(PREFIX + "DEFAULT_LANGUAGE")
    if lang is not None:
        if lang not in LANGUAGES:
            raise ConfigError(f"{PREFIX}DEFAULT_LANGUAGE={lang}: must be one of {', '.join(LANGUAGES)}")
        config["DEFAULT_LANGUAGE"] = lang
    names = {
        code: environ[f"{PREFIX}SITE_NAME_{code.upper()}"]
        for code in LANGUAGES
        if f"{PREFIX}SITE_NAME_{code.upper()}" in environ
    }
    for code, name in names.items():
        if not name.strip():
            raise ConfigError(f"{PREFIX}SITE_NAME_{code.upper()} is empty; give the site's name or unset it")
    if names:
        from .app import DEFAULTS

        config["SITE_NAME"] = {**DEFAULTS["SITE_NAME"], **names}
    base = environ.get(PREFIX + "BASE_URL")
    if base is not None:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ConfigError(f"{PREFIX}BASE_URL={base}: must be an absolute address like https://metoder.example.fi")
        config["BASE_URL"] = base.rstrip("/")
    return config
