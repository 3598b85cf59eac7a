"""The site's settings, declared once: `SETTINGS` feeds the app's defaults (`defaults()`), the reader of
CATALOGUE_* environment variables (`from_environment`), `catalogue settings` and the README's table (a test
keeps the README equal to `markdown_table()`).

Every variable is optional; the defaults serve the repository's own generations. A wrong value stops the start
with a message naming the variable, never a half-working site.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from werkzeug.sansio.utils import host_is_trusted

from catalogue.content import LANGUAGES

PREFIX = "CATALOGUE_"
ROOT = Path(__file__).resolve().parents[2]
"""The repository: templates/, static/ and translations/ live here."""


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and says how to fix it."""


@dataclass(frozen=True)
class Setting:
    name: str
    """The config key; the environment variable is CATALOGUE_ + name."""
    default: Any
    shown: str
    """The default as the README shows it."""
    help: str
    read: Callable[[str, str], Any]
    """(variable, text) → value; raises ConfigError."""

    @property
    def variable(self) -> str:
        return PREFIX + self.name


def _folder(variable: str, value: str) -> Path:
    if not value.strip():
        raise ConfigError(f"{variable} is empty; give the folder `catalogue build --index` writes to")
    if Path(value).exists() and not Path(value).is_dir():
        raise ConfigError(f"{variable}={value}: is a file; give the folder `catalogue build --index` writes to")
    return Path(value)


def _language(variable: str, value: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(f"{variable}={value}: must be one of {', '.join(LANGUAGES)}")
    return value


def _name(variable: str, value: str) -> str:
    if not value.strip():
        raise ConfigError(f"{variable} is empty; give the site's name or unset it")
    return value


def _address(variable: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"{variable}={value}: must be an absolute address like https://metoder.example.fi")
    return value.rstrip("/")


def _writable_folder(variable: str, value: str) -> Path:
    """The folder, or the nearest folder above it that exists, must be writable (it is created on first use)."""
    if not value.strip():
        raise ConfigError(f"{variable} is empty; give a folder the site may write to, or unset it")
    path = Path(value)
    try:
        if path.exists() and not path.is_dir():
            raise ConfigError(f"{variable}={value}: is a file; give a folder the site may write to")
        existing = next(folder for folder in (path, *path.absolute().parents) if folder.exists())
    except OSError as exc:
        raise ConfigError(f"{variable}={value}: cannot be reached by this user ({exc.strerror})") from exc
    if not os.access(existing, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        raise ConfigError(f"{variable}={value}: {existing} is not writable by this user; fix its owner or mode")
    return path


def _host_names(variable: str, value: str) -> tuple[str, ...]:
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    bad = [name for name in names if not host_is_trusted(name) or "/" in name]
    if not names or bad:
        raise ConfigError(
            f"{variable}={value}: give host names separated by commas, like metoder.example.fi,www.example.fi"
        )
    return names


def _whole_number(highest: int) -> Callable[[str, str], int]:
    def read(variable: str, value: str) -> int:
        if not value.strip().isdigit() or int(value) > highest:
            raise ConfigError(f"{variable}={value}: must be a whole number from 0 to {highest}")
        return int(value)

    return read


SITE_NAMES = {"sv": "Nordisk metodkatalog", "fi": "Pohjoismainen menetelmäkatalogi", "en": "Nordic Method Catalogue"}

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "INDEX_DIR",
        ROOT / "instance" / "index",
        "`./instance/index`",
        "the generations `catalogue build --index` writes (`current` and its folders); read-only for the site",
        _folder,
    ),
    Setting(
        "DEFAULT_LANGUAGE",
        "sv",
        "`sv`",
        "the language of `/` when the browser states none of sv, fi, en",
        _language,
    ),
    *(
        Setting(
            f"SITE_NAME_{lang.upper()}",
            name,
            f"`{name}`",
            f"the site's name in {label}",
            _name,
        )
        for (lang, name), label in zip(SITE_NAMES.items(), ("Swedish", "Finnish", "English"), strict=True)
    ),
    Setting(
        "BASE_URL",
        None,
        "the request's host",
        "the public address, e.g. `https://metoder.example.fi` (sitemap, feeds, links); set it in production",
        _address,
    ),
    Setting(
        "FEEDBACK_DIR",
        None,
        "`./instance/feedback`",
        "where feedback-form messages are kept (`feedback.sqlite3`); must be writable",
        _writable_folder,
    ),
    Setting(
        "FEEDBACK_MAX_MESSAGES",
        10_000,
        "`10000`",
        "the most feedback messages kept; when reached, the form asks people to try again later",
        _whole_number(10_000_000),
    ),
    Setting(
        "FEEDBACK_MAX_MB",
        50,
        "`50`",
        "the most megabytes the feedback store may take on disk",
        _whole_number(100_000),
    ),
    Setting(
        "SECRET_KEY",
        None,
        "random at each start",
        "signs the feedback form's token (against forged posts); set one to keep forms valid across restarts and"
        " replicas",
        _name,
    ),
    Setting(
        "TRUSTED_HOSTS",
        (),
        "BASE_URL's host",
        "further host names the site answers to (comma-separated); a request for any other host gets 400. With"
        " neither this nor BASE_URL, production refuses to start",
        _host_names,
    ),
    Setting("FEEDBACK_URL", None, "none", "a public issue tracker, linked next to the feedback form", _address),
    Setting(
        "REPOSITORY_URL",
        None,
        "none",
        "the content's GitHub repository, e.g. `https://github.com/org/catalogue`: each method page links to its"
        ' files there ("Edit this method") and to a new issue ("Suggest a correction")',
        _address,
    ),
    Setting(
        "HEALTH_TOKEN",
        None,
        "none",
        "a secret that shows `/healthz`'s details (problems, file names) to `?token=…` from any address; without it,"
        " only requests from this machine see them",
        _name,
    ),
    Setting(
        "TRUSTED_PROXIES",
        0,
        "`0`",
        "how many reverse proxies in front set `X-Forwarded-For/-Proto/-Host`; behind one, `1`, so HTTPS is"
        " recognised (HSTS)",
        _whole_number(5),
    ),
    Setting(
        "PAGE_CACHE_MB",
        64,
        "`64`",
        "rendered pages kept in memory per worker process; `0` turns the cache off",
        _whole_number(4096),
    ),
    Setting(
        "SEARCH_CACHE_ENTRIES",
        1024,
        "`1024`",
        "search results kept in memory per worker process; `0` turns the cache off",
        _whole_number(1_000_000),
    ),
)


def defaults() -> dict[str, Any]:
    """The app's configuration before the instance file, the environment or a test changes it."""
    config = {setting.name: setting.default for setting in SETTINGS}
    config["SITE_NAME"] = dict(SITE_NAMES)
    return config


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings the environment sets (and only those), read and checked."""
    config = {
        setting.name: setting.read(setting.variable, environ[setting.variable])
        for setting in SETTINGS
        if setting.variable in environ
    }
    names = {lang: config[f"SITE_NAME_{lang.upper()}"] for lang in LANGUAGES if f"SITE_NAME_{lang.upper()}" in config}
    if names:
        config["SITE_NAME"] = {**SITE_NAMES, **names}
    return config


def markdown_table() -> str:
    """The README's table of environment variables."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.variable}` | {s.shown} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Always answered: a health check or an operator on the machine itself (pages carry BASE_URL's address)."""


def trusted_hosts(config: Mapping[str, Any]) -> list[str] | None:
    """The host names requests may name (Flask's TRUSTED_HOSTS), or None (any) when neither setting is given."""
    if not config["BASE_URL"] and not config["TRUSTED_HOSTS"]:
        return None
    named = [urlsplit(config["BASE_URL"]).hostname] if config["BASE_URL"] else []
    return [*named, *config["TRUSTED_HOSTS"], *LOOPBACK_HOSTS]
