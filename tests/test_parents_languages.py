"""The parents' pages in Arabic, Somali, Persian, Ukrainian and Russian (issue 14): the texts as content (checked,
in the generation), the pages a parent reads, the sentence to show staff, right-to-left, the language rules."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from catalogue.build import build
from catalogue.content import PARENT_LANGUAGES
from catalogue.content import snapshot as snapshots
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app
from tools import check_translations

from .site_content import write_catalogue

ROOT = Path(__file__).resolve().parent.parent
SUMMARIES = {
    "ar": "تلتقي بآباء وأمهات آخرين مرة في الأسبوع في مجموعة Family Support.",
    "so": "Waxaad la kulantaa waalidiin kale toddobaadkii mar.",
    "fa": "هفته‌ای یک بار با والدین دیگر دیدار می‌کنید.",
    "uk": "Ви раз на тиждень зустрічаєтеся з іншими батьками.",
    "ru": "Вы раз в неделю встречаетесь с другими родителями.",
}


def parents_file(lang: str, entries: str) -> str:
    return f"language: {lang}\nmethods:\n{entries}"


def entry(method_id: str, summary: str, review: str = "    reviewed_by_native: false\n") -> str:
    return f"  {method_id}:\n    summary: >-\n      {summary}\n{review}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The small catalogue with parents' texts in all five languages; `family-support`'s Persian text reviewed."""
    root = tmp_path_factory.mktemp("parents")
    content = root / "content"
    for lang in ("sv", "fi", "en"):
        (content / lang).mkdir(parents=True)
    for name in ("taxonomy.yaml", "config.yaml"):
        (content / name).write_text((ROOT / "content" / name).read_text(encoding="utf-8"), encoding="utf-8")
    write_catalogue(content)
    (content / "parents").mkdir()
    for lang, summary in SUMMARIES.items():
        review = "    reviewed_by_native: false\n"
        if lang == "fa":
            review = '    reviewed_by_native: true\n    native_review: {by: Mina Karimi, date: "2026-12-01"}\n'
        text = entry("family-support", summary, review) + entry("talk-group", summary)
        if lang != "so":  # Somali lacks school-zone: the page leaves it out and says so
            text += entry("school-zone", summary)
        (content / "parents" / f"{lang}.yaml").write_text(parents_file(lang, text), encoding="utf-8")
    build(content, root / "index")
    return create_app({"INDEX_DIR": root / "index", "TESTING": True})


@pytest.fixture
def client(site):
    return site.test_client()


def page(client, url: str, **headers) -> BeautifulSoup:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "html.parser")


def visible_text(soup: BeautifulSoup) -> str:
    for hidden in soup(["script", "style", "head"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


# -- the content ------------------------------------------------------------------------------------


def test_an_editor_is_told_each_problem_of_a_parents_file_with_its_line(content_dir):
    write_catalogue(content_dir)
    (content_dir / "parents").mkdir()
    (content_dir / "parents" / "ar.yaml").write_text(
        parents_file(
            "ar",
            entry("family-support", "نص")
            + entry("talk-group", "")
            + entry("no-such-method", "نص")
            + entry("school-zone", "نص", "    reviewed_by_native: true\n"),
        ),
        encoding="utf-8",
    )
    (content_dir / "parents" / "de.yaml").write_text(parents_file("de", ""), encoding="utf-8")
    problems = [str(p) for p in load_catalogue(content_dir).problems if "/parents/" in p.path]
    path = content_dir / "parents"
    assert problems == [
        f"{path}/ar.yaml:8: methods.talk-group.summary: is empty (write the parent summary)",
        f"{path}/ar.yaml:11: methods.no-such-method: warning: unknown method 'no-such-method' (use a file name from"
        " content/en/)",
        f"{path}/ar.yaml:18: methods.school-zone.reviewed_by_native: a review needs who and when (add"
        " `native_review: {by: NAME, date: YYYY-MM-DD}`)",
        f"{path}/de.yaml:1: file name: 'de' is not a parents' language (name the file after one of: ar, so, fa, uk,"
        " ru)",
    ]


def test_a_parents_file_without_a_method_warns_and_a_review_in_the_future_is_an_error(content_dir):
    write_catalogue(content_dir)
    (content_dir / "parents").mkdir()
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    review = f'    reviewed_by_native: true\n    native_review: {{by: A Reader, date: "{future}"}}\n'
    (content_dir / "parents" / "uk.yaml").write_text(
        parents_file("ru", entry("family-support", "Текст", review)), encoding="utf-8"
    )
    problems = [str(p) for p in load_catalogue(content_dir).problems if "/parents/" in p.path]
    assert any("language: 'ru' is not this file's language (write `language: uk`)" in p for p in problems)
    assert any(f"native_review.date: {future} is in the future" in p for p in problems)
    assert any("warning: no text for 2 method(s): school-zone, talk-group" in p for p in problems)


def test_the_generation_holds_the_texts_and_their_reviews(site):
    catalogue = snapshots.load(site.config["INDEX_DIR"] / "current")
    fa = catalogue.parent_texts["fa"]["family-support"]
    assert fa.summary == SUMMARIES["fa"]
    assert (fa.review.by, fa.review.date) == ("Mina Karimi", dt.date(2026, 12, 1))
    assert not catalogue.parent_texts["ar"]["family-support"].reviewed_by_native
    assert set(catalogue.parent_texts) == set(PARENT_LANGUAGES)


def test_the_real_drafts_are_in_the_content_with_every_method_and_no_review_yet(catalogue):
    for lang in PARENT_LANGUAGES:
        texts = catalogue.parent_texts[lang]
        assert set(texts) == set(catalogue.methods), lang
        assert all(text.summary for text in texts.values())


# -- the pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("so", "ltr"), ("uk", "ltr")])
def test_the_page_has_its_language_and_direction(client, lang, direction):
    html = page(client, f"/{lang}/parents/").html
    assert (html["lang"], html["dir"]) == (lang, direction)


def test_an_arabic_parent_reads_the_summary_and_is_told_no_native_speaker_has_checked_it(client):
    soup = page(client, "/ar/parents/?years=4&worry=behaviour_problems")
    section = soup.find("section", class_="parent-method")
    assert section.find(class_="parent-summary").get_text() == SUMMARIES["ar"]
    assert section.find("bdi", dir="ltr").get_text() == "Family Support"  # a Latin name isolated in Arabic
    notice = section.find(class_="not-reviewed").get_text()
    assert notice == "تُرجم هذا النص بعناية، لكن لم يراجعه بعد شخص لغته الأم هي العربية."
    assert section.find(class_="evidence-sentence").get_text(strip=True) == "تُظهر دراسات جيدة أن هذا الدعم يفيد."
    assert section.h3.bdi["lang"] == "sv" and section.h3.get_text() == "Åtta steg"  # the name staff use


def test_a_text_a_native_speaker_has_reviewed_has_no_notice(client):
    soup = page(client, "/fa/parents/?years=4&worry=behaviour_problems")
    assert soup.find("section", class_="parent-method").find(class_="not-reviewed") is None


def test_the_sentence_to_say_is_in_the_parents_language_beside_swedish_or_finnish(client):
    lines = page(client, "/uk/parents/family-support").find_all(class_="say__line")
    assert [line.q.get_text() for line in lines] == [
        "Я хочу дізнатися про Åtta steg. Чи пропонують це тут і як ми можемо взяти участь?",
        "Jag har läst om Åtta steg. Finns det här, och hur kan vi vara med?",
    ]
    assert lines[1]["lang"] == "sv" and not lines[0].get("lang")
    lines = page(client, "/uk/parents/family-support?local=fi").find_all(class_="say__line")
    assert lines[1]["lang"] == "fi"
    assert lines[1].q.get_text() == (
        "Luin tuesta nimeltä Perheryhmät. Onko sitä tarjolla täällä, ja miten voimme osallistua?"
    )


def test_a_method_without_a_text_in_the_language_is_left_out_and_the_page_says_so(client):
    soup = page(client, "/so/parents/?worry=bullying")
    assert soup.find("section", class_="parent-method") is None
    notice = soup.find("p", class_="notice")
    assert "1 nooc oo kale" in notice.get_text()
    assert notice.a["href"].startswith("/sv/parents/?") and "worry=bullying" in notice.a["href"]


def test_a_parent_page_links_the_full_card_in_swedish_finnish_and_english(client):
    section = page(client, "/ru/parents/family-support").find("section", class_="parent-method")
    links = {a["hreflang"]: a["href"] for a in section.find_all("a", hreflang=True)}
    assert links == {lang: f"/{lang}/methods/family-support" for lang in ("sv", "fi", "en")}


def test_the_professionals_card_links_the_parents_page_in_the_five_languages(client):
    box = page(client, "/fi/methods/family-support").find(class_="parents-languages")
    hrefs = [a["href"] for a in box.find_all("a")]
    assert hrefs == [f"/{lang}/parents/family-support?local=fi" for lang in PARENT_LANGUAGES]
    box = page(client, "/sv/methods/family-support").find(class_="parents-languages")
    assert box.a["href"] == "/ar/parents/family-support"


def test_the_language_switcher_of_a_parents_page_has_all_eight_languages_and_a_card_three(client):
    switcher = page(client, "/ar/parents/?age=3-5").find("nav", class_="langs")
    assert [a["hreflang"] for a in switcher.find_all("a")] == ["sv", "fi", "en", *PARENT_LANGUAGES]
    assert switcher.find("a", hreflang="fa")["href"] == "/fa/parents/?age=3-5"
    card = page(client, "/sv/methods/family-support").find("nav", class_="langs")
    assert [a["hreflang"] for a in card.find_all("a")] == ["sv", "fi", "en"]


@pytest.mark.parametrize("path", ["/ar/methods/family-support", "/fa/methods/", "/uk/", "/ru/evidence/"])
def test_a_professionals_page_in_a_parents_language_redirects_to_the_readers_professional_language(client, path):
    response = client.get(path, headers={"Accept-Language": "fi, ar;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/fi/" + path.split("/", 2)[2]


def test_an_unknown_method_in_a_parents_language_is_a_404_in_a_professional_language(client):
    response = client.get("/ar/parents/no-such-method", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert BeautifulSoup(response.data, "html.parser").html["lang"] == "en"


@pytest.mark.parametrize(
    ("accept", "cookie", "target"),
    [
        ("sv, ar;q=0.5", None, "/sv/"),  # a Swedish professional whose browser also knows Arabic
        ("sv-SE,sv;q=0.9,ru;q=0.8,en;q=0.7", None, "/sv/"),
        ("ar", None, "/ar/parents/"),
        ("ar-SA, sv;q=0.8", None, "/ar/parents/"),
        ("fa-AF, fa;q=0.9", None, "/fa/parents/"),
        ("prs, en;q=0.5", None, "/fa/parents/"),  # Dari
        ("so, en;q=0.5", None, "/so/parents/"),
        ("uk", "sv", "/sv/"),  # a professional language chosen before wins
    ],
)
def test_the_front_door_sends_only_browsers_that_prefer_a_parents_language_to_the_parents_page(
    client, accept, cookie, target
):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.headers["Location"] == target


def test_a_parents_language_is_never_remembered_for_the_front_door(client):
    response = client.get("/ar/parents/")
    assert "Set-Cookie" not in response.headers
    assert client.get("/", headers={"Accept-Language": "sv"}).headers["Location"] == "/sv/"


# -- the interface's words ------------------------------------------------------------------------


def test_every_parents_message_is_translated_in_the_five_languages():
    assert check_translations.problems() == []
    assert check_translations.PARENT_LANGUAGES == PARENT_LANGUAGES


def english_phrases() -> set[str]:
    """Every message of the site in English, cut at its placeholders: the pieces long enough to be telling."""
    with (ROOT / "translations" / "messages.pot").open("rb") as file:
        catalog = read_po(file)
    phrases = set()
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            phrases.update(part.strip() for part in re.split(r"%\(\w+\)s", text) if len(part.strip()) >= 12)
    return phrases


@pytest.mark.parametrize("lang", PARENT_LANGUAGES)
def test_no_english_interface_text_on_the_parents_pages(client, lang):
    phrases = english_phrases()
    urls = [
        f"/{lang}/parents/",
        f"/{lang}/parents/?years=4&worry=behaviour_problems&local=fi",
        f"/{lang}/parents/?age=pregnancy",
        f"/{lang}/parents/?worry=bullying",
        f"/{lang}/parents/?worry=domestic_violence&worry=bullying",
        f"/{lang}/parents/talk-group",
    ]
    for url in urls:
        text = visible_text(page(client, url))
        leaked = [phrase for phrase in phrases if phrase in text]
        assert not leaked, f"{url}: {leaked}"
