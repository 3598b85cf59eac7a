"""What a method page weighs: HTML + CSS + JS, raw and gzip-compressed, for every method in every language.

.venv/bin/python tools/page_weight.py      (the issue's budget: under 60 KB compressed)
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue.build import build  # noqa: E402
from catalogue.content import LANGUAGES  # noqa: E402
from catalogue.content.loading import load_catalogue  # noqa: E402
from catalogue.web.app import create_app  # noqa: E402

ASSET = re.compile(rb'(?:href|src)="(/static/[^"]+\.(?:css|js)\?v=[0-9a-f]+)"')


def main() -> None:
    catalogue = load_catalogue(ROOT / "content")
    with tempfile.TemporaryDirectory() as index_dir:
        build(ROOT / "content", Path(index_dir))
        client = create_app({"INDEX_DIR": index_dir}).test_client()
        sizes = []
        for lang in LANGUAGES:
            for method_id in catalogue.methods:
                html = client.get(f"/{lang}/methods/{method_id}").get_data()
                parts = [html]
                for url in ASSET.findall(html):
                    with client.get(url.decode()) as response:
                        parts.append(response.get_data())
                sizes.append(
                    (sum(len(gzip.compress(p, 9)) for p in parts), sum(map(len, parts)), f"/{lang}/methods/{method_id}")
                )
    sizes.sort()
    for name, (compressed, raw, url) in zip(
        ("lightest", "median", "heaviest"), (sizes[0], sizes[len(sizes) // 2], sizes[-1]), strict=True
    ):
        print(f"{name}: {url}: {raw / 1000:.1f} kB raw, {compressed / 1000:.1f} kB gzip (HTML + CSS + JS)")
    print(f"{len(sizes)} method pages; the heaviest is {sizes[-1][0] / 1000:.1f} kB compressed (budget 60 kB)")


if __name__ == "__main__":
    main()
