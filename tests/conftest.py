"""Shared fixtures: the real content, and small content folders a test writes for itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from catalogue.content.loading import load_catalogue
from tools.browser import launch

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue as shipped in content/."""
    return load_catalogue(CONTENT)


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
