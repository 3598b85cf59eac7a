"""`catalogue build`: content files → one generation, swapped in atomically.

Reads the content once, validates it, renders every method body once (Markdown → sanitised HTML), builds the
Whoosh index and writes the validated catalogue beside it (`catalogue.content.snapshot`), all in one new
generation folder that replaces `current` only when whole. The site reads generations only, so a page, the
search and the counts always come from the same content. A broken method file is left out of the generation
with its problem recorded there (`/healthz` shows it); a broken taxonomy stops the build and the old
generation keeps serving.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import search
from catalogue.content import snapshot
from catalogue.content.history import last_fact_changes
from catalogue.content.loading import Catalogue, load_catalogue
from catalogue.content.rendering import built_link, render_markdown


class BuildError(Exception):
    """Nothing was built; the message says why, and the previous generation still serves."""


def render_bodies(catalogue: Catalogue) -> None:
    """Every text's body as sanitised HTML, once; links to other methods are left for the site to address
    (`rendering.link_methods`), in the reader's language and on the site's own address."""
    for method in catalogue.methods.values():
        method.texts = {
            lang: replace(text, body_html=render_markdown(text.body, method_url=built_link))
            for lang, text in method.texts.items()
        }


def build(content_dir: Path, index_dir: Path, **options) -> tuple[Path, Catalogue]:
    """Build and swap in a generation; returns its folder and the catalogue in it.

    Raises TaxonomyError (the taxonomy or config is broken) or BuildError; either way `current` is unchanged.
    """
    catalogue = load_catalogue(Path(content_dir))
    if not catalogue.methods:
        raise BuildError(f"no valid methods in {content_dir}: the current generation is left as it is")
    render_bodies(catalogue)
    catalogue.history = last_fact_changes(Path(content_dir))
    try:
        generation = search.build_index(
            catalogue, Path(index_dir), extra=lambda folder: snapshot.dump(catalogue, folder), **options
        )
    except search.IndexBuildError as exc:
        raise BuildError(str(exc)) from exc
    return generation, catalogue
