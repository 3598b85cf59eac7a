"""Method bodies: Markdown → HTML that is safe to put in a page.

nh3 (ammonia) keeps only harmless tags and attributes, so content can never inject script or
markup that breaks the page. Links between methods (`[Komet](komet.md)`) become site links.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}
METHOD_LINK = re.compile(r'href="(?:\./)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#[^"]*)?"')
BUILT_LINK = re.compile(r'href="\./([a-z0-9]+(?:-[a-z0-9]+)*)(#[^"]*)?"')
"""A link to another method in a body the build rendered (`./komet`), resolved by `link_methods` when shown."""


def built_link(method_id: str) -> str:
    """How the build writes a link to another method; `link_methods` makes it the address the reader needs."""
    return f"./{method_id}"


def link_methods(html: str, method_url: Callable[[str], str]) -> str:
    """Links to other methods in a built body, pointed at `method_url(id)` (the site's page, or an absolute one)."""
    return BUILT_LINK.sub(lambda m: f'href="{method_url(m.group(1))}{m.group(2) or ""}"', html)


def render_markdown(text: str, method_url: Callable[[str], str] | None = None) -> str:
    """Sanitised HTML of a method body. `method_url(id)` gives the page of a linked method."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    if method_url:
        html = METHOD_LINK.sub(lambda m: f'href="{method_url(m.group(1))}{m.group(2) or ""}"', html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
