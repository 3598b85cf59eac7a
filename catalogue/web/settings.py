"""Production configuration from environment variables, checked at start.

Every variable is optional; the defaults serve the repository's own content and index. A wrong value stops
the start with a message naming the variable, never a half-working site.

| variable | default | meaning |
|---|---|---|
| CATALOGUE_CONTENT_DIR | ./content | the content folder (must hold taxonomy.yaml) |
| CATALOGUE_INDEX_DIR | ./instance/index | the search index built by `catalogue index` |
| CATALOGUE_DEFAULT_LANGUAGE | sv | language for `/` when the browser states none (sv, fi, en) |
| CATALOGUE_SITE_NAME_SV / _FI / _EN | the built-in names | the site's name in each language |
| CATALOGUE_BASE_URL | (the request's address) | public address, e.g. https://metoder.example.fi |
| CATALOGUE_FEEDBACK_DIR | ./instance/feedback | where the feedback form's messages are kept (must be writable) |
| CATALOGUE_FEEDBACK_URL | (none) | a public issue tracker, linked next to the feedback form |
| CATALOGUE_TRUSTED_PROXIES | 0 | reverse proxies in front whose X-Forwarded-For/-Proto/-Host are believed |
| CATALOGUE_PAGE_CACHE_MB | 64 | rendered pages kept in memory per worker process (0: none) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from catalogue.content import LANGUAGES

PREFIX = "CATALOGUE_"
MAX_PROXIES = 5
MAX_CACHE_MB = 4096


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
        if Path(index).exists() and not Path(index).is_dir():
            raise ConfigError(f"{PREFIX}INDEX_DIR={index}: is a file; give the folder `catalogue index --index` wrote")
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
        from catalogue.web.app import DEFAULTS

        config["SITE_NAME"] = {**DEFAULTS["SITE_NAME"], **names}
    for name in ("BASE_URL", "FEEDBACK_URL"):
        value = environ.get(PREFIX + name)
        if value is not None:
            config[name] = _address(name, value)
    feedback = environ.get(PREFIX + "FEEDBACK_DIR")
    if feedback is not None:
        config["FEEDBACK_DIR"] = _writable_folder("FEEDBACK_DIR", feedback)
    proxies = environ.get(PREFIX + "TRUSTED_PROXIES")
    if proxies is not None:
        config["TRUSTED_PROXIES"] = _whole_number("TRUSTED_PROXIES", proxies, MAX_PROXIES)
    cache = environ.get(PREFIX + "PAGE_CACHE_MB")
    if cache is not None:
        config["PAGE_CACHE_MB"] = _whole_number("PAGE_CACHE_MB", cache, MAX_CACHE_MB)
    return config


def _address(name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"{PREFIX}{name}={value}: must be an absolute address like https://metoder.example.fi")
    return value.rstrip("/")


def _writable_folder(name: str, value: str) -> Path:
    """The folder, or the nearest folder above it that exists, must be writable (it is created on first use)."""
    if not value.strip():
        raise ConfigError(f"{PREFIX}{name} is empty; give a folder the site may write to, or unset it")
    path = Path(value)
    try:
        if path.exists() and not path.is_dir():
            raise ConfigError(f"{PREFIX}{name}={value}: is a file; give a folder the site may write to")
        existing = next(folder for folder in (path, *path.absolute().parents) if folder.exists())
    except OSError as exc:
        raise ConfigError(f"{PREFIX}{name}={value}: cannot be reached by this user ({exc.strerror})") from exc
    if not os.access(existing, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        raise ConfigError(f"{PREFIX}{name}={value}: {existing} is not writable by this user; fix its owner or mode")
    return path


def _whole_number(name: str, value: str, highest: int) -> int:
    if not value.strip().isdigit() or int(value) > highest:
        raise ConfigError(f"{PREFIX}{name}={value}: must be a whole number from 0 to {highest}")
    return int(value)
