"""Shared fixtures: the real content, and small content folders a test writes for itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogue.loading import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue as shipped in content/."""
    return load_catalogue(CONTENT)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An empty content folder with the real taxonomy and config, for a test to fill."""
    target = tmp_path / "content"
    for lang in ("sv", "fi", "en"):
        (target / lang).mkdir(parents=True)
    for name in ("taxonomy.yaml", "config.yaml"):
        shutil.copy(CONTENT / name, target / name)
    return target
