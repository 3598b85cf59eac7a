"""Shared fixtures: the real content and a generation built from it (`app`, `client`, `runner`), and small content
folders a test writes for itself. A test module with a catalogue of its own overrides `app`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from catalogue.build import build
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app
from tools.browser import launch

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue as shipped in content/."""
    return load_catalogue(CONTENT)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """A generation built from the real content, once per run: what `make run` serves."""
    index = tmp_path_factory.mktemp("real") / "index"
    build(CONTENT, index)
    return index


@pytest.fixture(scope="session")
def real_app(real_index: Path):
    return create_app({"INDEX_DIR": real_index, "TESTING": True})


@pytest.fixture
def app(real_app):
    """The site on the real content (modules with a test catalogue of their own override this)."""
    return real_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """For the `catalogue` command: `runner.invoke(cli, [...])`."""
    return CliRunner()


def empty_content(root: Path) -> Path:
    """`root/content`: no methods yet, the real taxonomy and config, for a test to fill."""
    target = root / "content"
    for lang in ("sv", "fi", "en"):
        (target / lang).mkdir(parents=True)
    for name in ("taxonomy.yaml", "config.yaml"):
        shutil.copy(CONTENT / name, target / name)
    return target


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An empty content folder with the real taxonomy and config, for a test to fill."""
    return empty_content(tmp_path)


@pytest.fixture(scope="session")
def browser():
    """One real headless Chromium for the whole run; tests open their own pages or contexts."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
