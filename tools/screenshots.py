"""Screenshots of every page type at 1280 and 375 px wide, into docs/screenshots/ (`make screenshots`).

Serves the real content from a fresh index on a free port and photographs it with headless Chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue.build import build  # noqa: E402
from catalogue.content import LANGUAGES  # noqa: E402
from catalogue.content.loading import load_catalogue  # noqa: E402
from catalogue.web.app import create_app  # noqa: E402
from catalogue.web.server import background_server  # noqa: E402
from tools.browser import launch  # noqa: E402

WIDTHS = (1280, 375)
PAGES = {
    "home-sv": "/sv/",
    "search-fi": "/fi/methods/?q=uhmakkuus&age=3-5",
    "search-no-results-en": "/en/methods/?q=zebra+astronomy",
    "method-sv": "/sv/methods/{method}",
    "compare-en": "/en/compare?ids={compare}",
    "offer-fi": "/fi/offer/?m=vavu&m=neuvokas-perhe&m=avoin-varhaiskasvatus&m=mll-perhekahvila&centre=Perhekeskus",
    "parents-sv": "/sv/parents/?age=3-5&worry=behaviour_problems",
    "evidence-en": "/en/evidence/",
    "accessibility-fi": "/fi/accessibility/",
    "not-found-sv": "/sv/methods/no-such-method",
}
OUT = ROOT / "docs" / "screenshots"
MAX_HEIGHT = 1800
"""Long pages are cut here: the top of a page shows its type, and the repository stays small."""


def pages(content: Path) -> dict[str, str]:
    """The page types on real methods: one in every language, three to compare, and, while some method
    lacks a language, that method in the language it lacks (with its notice)."""
    methods = load_catalogue(content).methods.values()
    full = [m.id for m in methods if len(m.translations) == len(LANGUAGES)] or [m.id for m in methods]
    found = {key: url.format(method=full[0], compare=",".join(full[:3])) for key, url in PAGES.items()}
    for method in methods:
        missing = [lang for lang in LANGUAGES if lang not in method.texts]
        if missing:
            found[f"method-other-language-{missing[0]}"] = f"/{missing[0]}/methods/{method.id}"
            break
    return found


def main() -> None:
    content = ROOT / "content"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as index_dir:
        build(content, Path(index_dir))
        app = create_app({"CONTENT_DIR": content, "INDEX_DIR": index_dir})
        urls = pages(content)
        with background_server(app) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in urls.items():
                    page.goto(base + path)
                    target = OUT / f"{name}-{width}.png"
                    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
                    page.screenshot(
                        path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
                    )
                    print(target.relative_to(ROOT))
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
