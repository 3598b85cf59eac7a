"""A family-centre coordinator follows the catalogue in a feed reader: new and re-reviewed methods first."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from catalogue.build import build

from .open_data import open_data_app, write_catalogue

NS = {"atom": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "https://metoder.example.fi"


@pytest.fixture
def client(content_dir: Path, tmp_path: Path):
    write_catalogue(content_dir)
    return open_data_app(content_dir, tmp_path / "index").test_client()


def feed(client, lang: str) -> ET.Element:
    response = client.get(f"/{lang}/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def entries(root: ET.Element) -> list[tuple[str, str]]:
    return [
        (e.findtext("atom:id", namespaces=NS), e.findtext("atom:updated", namespaces=NS))
        for e in root.iterfind("atom:entry", NS)
    ]


def test_the_feed_lists_methods_newest_review_first(client):
    root = feed(client, "sv")
    assert entries(root) == [
        (f"{SITE}/sv/methods/talk-group", "2026-05-01T00:00:00Z"),
        (f"{SITE}/sv/methods/family-support", "2026-03-01T00:00:00Z"),
        (f"{SITE}/sv/methods/school-zone", "2025-12-01T00:00:00Z"),
    ]
    assert root.findtext("atom:updated", namespaces=NS) == "2026-05-01T00:00:00Z"


def test_the_feed_is_valid_atom_in_the_readers_language(client):
    root = feed(client, "fi")
    assert root.get(XML_LANG) == "fi"
    assert root.findtext("atom:id", namespaces=NS) == f"{SITE}/fi/feed.xml"
    assert root.findtext("atom:title", namespaces=NS) == "Pohjoismainen menetelmäkatalogi"
    assert root.findtext("atom:author/atom:name", namespaces=NS)
    assert root.find("atom:link[@rel='self']", NS).get("href") == f"{SITE}/fi/feed.xml"
    first = root.find("atom:entry", NS)
    title = first.find("atom:title", NS)
    assert (title.text, title.get(XML_LANG)) == ("Talk Group", "en"), "no Finnish text: the English one, marked"
    assert first.find("atom:link[@rel='alternate']", NS).get("href") == f"{SITE}/fi/methods/talk-group"
    assert first.findtext("atom:summary", namespaces=NS).startswith("Conversations in a group")
    categories = {c.get("term"): c.get("label") for c in first.iterfind("atom:category", NS)}
    assert categories["not_rated"] == "Ei arvioitu"


def test_a_re_reviewed_method_moves_to_the_top_and_the_etag_changes(client, content_dir):
    before = client.get("/en/feed.xml")
    assert client.get("/en/feed.xml", headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    path = content_dir / "en" / "school-zone.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-12-01", "2026-06-01"), encoding="utf-8")
    build(content_dir, content_dir.parent / "index")
    after = client.get("/en/feed.xml", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert entries(ET.fromstring(after.data))[0] == (f"{SITE}/en/methods/school-zone", "2026-06-01T00:00:00Z")
    assert after.headers["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_language_has_no_feed(client):
    assert client.get("/de/feed.xml").status_code == 404


def test_the_real_catalogue_has_a_feed_in_every_language(catalogue, real_app):
    client = real_app.test_client()
    for lang in ("sv", "fi", "en"):
        dates = [updated for _, updated in entries(feed(client, lang))]
        assert 0 < len(dates) <= 50
        assert len(dates) == min(50, len(catalogue.methods))
        assert dates == sorted(dates, reverse=True)


def test_a_search_is_a_feed_to_follow_by_topic_sector_age_band_or_words(real_app, catalogue):
    client = real_app.test_client()
    response = client.get("/en/feed.xml?age=1-2&sector=child_health&page=2&sort=name")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.findtext("atom:title", namespaces=NS).endswith(
        ": Child's age: 1–2 years; Where it is delivered: Child health care"
    )
    self_link = root.find("atom:link[@rel='self']", NS).get("href")
    assert self_link.endswith("/en/feed.xml?age=1-2&sector=child_health")  # not its page or order
    assert root.find("atom:link[@rel='alternate']", NS).get("href").endswith("/en/methods/?age=1-2&sector=child_health")
    found = [e.findtext("atom:id", namespaces=NS).rsplit("/", 1)[1] for e in root.iterfind("atom:entry", NS)]
    expected = {m.id for m in catalogue.methods.values() if "1-2" in m.age_bands and "child_health" in m.sectors}
    assert set(found) == expected
    dates = [catalogue.methods[i].reviewed for i in found]
    assert dates == sorted(dates, reverse=True)
    topic = ET.fromstring(client.get("/sv/feed.xml?topic=language_development").data)
    assert all(
        "language_development" in catalogue.methods[e.findtext("atom:id", namespaces=NS).rsplit("/", 1)[1]].topics
        for e in topic.iterfind("atom:entry", NS)
    )
    assert client.get("/en/feed.xml?age=bogus").status_code == 400


def test_every_results_page_links_the_feed_of_its_own_search(real_app):
    client = real_app.test_client()
    html = client.get("/fi/methods/?q=vanhemmuus&topic=parenting_skills&page=2&m=kiva").get_data(as_text=True)
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/fi/feed.xml?q=vanhemmuus&amp;topic=parenting_skills"'
        in html
    )
    assert 'class="feed-link' in client.get("/en/methods/").get_data(as_text=True)
