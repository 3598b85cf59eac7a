"""The site in a real headless Chromium against a real server on a free port, on (a copy of) the real content.

One browser for the whole module; each test gets a fresh context (no cookies carried over).
axe-core checks every page type in every language against WCAG 2.0/2.1 A and AA.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from catalogue.build import build
from catalogue.content import LANGUAGES, PARENT_LANGUAGES
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app
from catalogue.web.server import background_server
from tools.browser import WCAG_TAGS

from .conftest import CONTENT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The real content, with one method's Finnish text taken away so that a page shows another language."""
    target = tmp_path_factory.mktemp("browser") / "content"
    shutil.copytree(CONTENT, target)
    complete = [m for m in load_catalogue(target).methods.values() if len(m.translations) == len(LANGUAGES)]
    complete[-1].texts["fi"].path.unlink()
    return target


@pytest.fixture(scope="module")
def catalogue(content):
    return load_catalogue(content)


@pytest.fixture(scope="module")
def base_url(content, catalogue):
    root = content.parent
    build(content, root / "index")
    app = create_app({"CONTENT_DIR": content, "INDEX_DIR": root / "index", "FEEDBACK_DIR": root / "feedback"})
    with background_server(app) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 800}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def examples(catalogue) -> dict[str, str]:
    """Real methods for the page types: one in every language, one lacking a language, three to compare."""
    methods = list(catalogue.methods.values())
    full = [m.id for m in methods if len(m.translations) == len(LANGUAGES)]
    partial = [m for m in methods if len(m.translations) < len(LANGUAGES)]
    fallback = {lang: m.id for m in partial for lang in LANGUAGES if lang not in m.texts}
    in_depth = max(methods, key=lambda m: (len(m.follow_up), sum(r.pico is not None for r in m.ratings)))
    return {
        "method": full[0],
        "compare": ",".join(full[:3]),
        "fallback": fallback,
        "in_depth": in_depth.id,
        "instrument": in_depth.follow_up[0].instrument,
    }


# -- a user's way through the site ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_nurse_finds_compares_and_shares_a_method_for_a_three_year_old(page: Page, lang):
    """The "done when" of the site: a method for a three-year-old with behaviour problems in child health
    care, its card, a comparison, a language switch that keeps the page, and the plain summary."""
    page.goto(f"/{lang}/")
    page.locator("a[href$='/methods/?age=3-5']").click()
    page.locator("input[name=topic][value=behaviour_problems]").check()
    page.locator("input[name=sector][value=child_health]").check()
    page.locator("#search-form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"sector=child_health"))
    for parameter in ("age=3-5", "topic=behaviour_problems", "sector=child_health"):
        assert parameter in page.url
    first = page.locator("ol.results > li h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".box--parents p").first).not_to_be_empty()
    path = urlsplit(page.url).path
    other = next(code for code in LANGUAGES if code != lang)
    page.locator(f"nav.langs a[hreflang={other}]").click()
    expect(page).to_have_url(re.compile(f"/{other}/"))
    assert urlsplit(page.url).path == path.replace(f"/{lang}/", f"/{other}/", 1)
    expect(page.locator("html")).to_have_attribute("lang", other)
    page.locator("#similar input[type=checkbox]").first.check()
    page.locator("#similar button[type=submit]").click()
    expect(page.locator("table.compare thead th")).to_have_count(2)


def test_search_with_facets_keeps_the_whole_state_in_the_url(page: Page):
    page.goto("/en/methods/")
    total = page.locator(".results-header h2").inner_text()
    page.locator("input[name=evidence][value=effective]").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"evidence=effective"))
    assert page.locator(".results-header h2").inner_text() != total
    badges = page.locator("ol.results .badge")
    assert set(badges.all_inner_texts()) == {"Effective"}
    page.get_by_label("Sort by").select_option("reviewed")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=reviewed"))
    assert "evidence=effective" in page.url
    page.locator("a.tag").first.click()
    expect(page.locator("a.tag")).to_have_count(0)
    expect(page.locator(".results-header h2")).to_have_text(total)


def test_a_misspelt_search_offers_a_correction(page: Page):
    page.goto("/sv/methods/?q=förälrar")
    expect(page.locator("p.lead")).to_contain_text("”föräldrar”")


def test_the_compare_view_from_the_result_list(page: Page):
    page.goto("/fi/methods/")
    boxes = page.locator("ol.results input[name=ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    boxes.nth(2).check()
    page.get_by_role("button", name="Vertaa valittuja menetelmiä").click()
    expect(page).to_have_url(re.compile(r"/fi/compare\?ids="))
    expect(page.locator("table.compare thead th")).to_have_count(3)
    expect(page.get_by_role("rowheader", name="Näyttötaso")).to_be_visible()


def test_a_parent_chooses_age_and_worry_and_reads_plain_summaries(phone: Page, catalogue):
    phone.goto("/sv/parents/")
    phone.get_by_label("3 till 5 år").check()
    phone.get_by_label("Utbrott, trots och bråk hemma").check()
    phone.get_by_role("button", name="Visa stöd").click()
    sections = phone.locator("section.parent-method")
    assert sections.count() >= 1
    first_id = sections.first.get_attribute("aria-labelledby").removeprefix("m-")
    method = catalogue.methods[first_id]
    expect(sections.first.locator("p").first).to_have_text(method.text("sv").parent_summary)
    expect(phone.locator("main")).not_to_contain_text(method.text("sv").summary)
    expect(phone.locator("main")).to_contain_text("familjecentral")


def test_everything_works_without_javascript(no_js: Page):
    no_js.goto("/sv/methods/")
    filters = no_js.locator("details.filters")
    expect(filters).to_have_attribute("open", "")
    no_js.locator("input[name=need][value=universal]").check()
    no_js.get_by_role("button", name="Använd filter").click()
    expect(no_js).to_have_url(re.compile(r"need=universal"))
    no_js.locator("ol.results input[name=ids]").nth(0).check()
    no_js.locator("ol.results input[name=ids]").nth(1).check()
    no_js.get_by_role("button", name="Jämför valda metoder").click()
    expect(no_js.locator("table.compare thead th")).to_have_count(2)
    no_js.goto("/sv/parents/?age=3-5&worry=behaviour_problems")
    assert no_js.locator("section.parent-method").count() >= 1


def test_on_a_phone_compare_is_one_card_per_method_without_sideways_scrolling(phone: Page, catalogue):
    phone.goto(f"/en/compare?ids={examples(catalogue)['compare']}")
    expect(phone.locator("table.compare")).to_be_hidden()
    expect(phone.locator(".compare-card")).to_have_count(3)
    expect(phone.locator(".compare-card").first.get_by_text("Cost to families")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    for url in (phone.url, f"/en/offer/?m={examples(catalogue)['compare'].replace(',', '&m=')}"):
        phone.goto(url)
        results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()


def test_on_a_phone_the_results_come_before_the_filters(phone: Page):
    phone.goto("/en/methods/?need=universal")
    expect(phone.locator("details.filters")).not_to_have_attribute("open", "")
    expect(phone.locator("details.filters summary")).to_contain_text("1 selected")


def test_the_keyboard_path_starts_with_the_skip_link(page: Page, catalogue):
    page.goto(f"/en/methods/{examples(catalogue)['method']}")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


PARTNERS = ("maternity_care", "child_health", "open_preschool", "social_services")
OFFER_WORDS = {
    "sv": ("Familjecentralens utbud", "Lägg till i utbudet", "Tillbaka till utbudet", "Vår familjecentrals utbud"),
    "fi": ("Perhekeskuksen tarjonta", "Lisää tarjontaan", "Takaisin tarjontaan", "Perhekeskuksemme tarjonta"),
    "en": ("Family centre's offer", "Add to the offer", "Back to the offer", "Our family centre's offer"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_coordinator_picks_methods_for_her_four_partners_sees_the_gaps_prints_a_dated_plan_and_shares_it(
    browser, base_url, page: Page, lang
):
    """The offer's "done when": one method per family-centre partner added from the search results (JavaScript
    adds it in place), the coverage without a partner gap, the printed A4 plan with title, date and address,
    and the shared address opened in a new browser showing the same plan."""
    nav, add, back, title = OFFER_WORDS[lang]
    page.goto(f"/{lang}/")
    page.get_by_role("link", name=nav).click()
    expect(page.locator("h1")).to_have_text(title)
    page.locator("p.actions a.button").first.click()
    expect(page).to_have_url(re.compile(f"/{lang}/methods/"))
    added = []
    for sector in PARTNERS:
        page.locator("input[name=sector]:checked").evaluate_all("boxes => boxes.forEach(box => box.checked = false)")
        page.locator(f"input[name=sector][value={sector}]").check()
        page.locator("#search-form button[type=submit]").last.click()
        expect(page).to_have_url(re.compile(f"sector={sector}"))
        link = page.locator("ol.results a.add-to-offer[data-add]").first
        added.append(link.get_attribute("data-add"))
        link.click()
        expect(page).to_have_url(re.compile(f"m={added[-1]}"))  # added in place, the address keeps the list
    page.get_by_role("link", name=re.compile(back)).click()
    expect(page.locator("table.offer-table tbody tr")).to_have_count(len(added))
    partner_gaps = page.locator("#coverage + p + h3 + ul li.coverage__item--gap")
    expect(partner_gaps).to_have_count(0)
    expect(page.locator("li.coverage__item--gap").first).to_be_visible()  # other gaps, with suggestions
    page.locator("#centre").fill("Solen")
    page.locator("form.centre-form button").click()
    expect(page.locator("h1")).to_contain_text("Solen")
    address = page.locator("#share-url").input_value()
    page.emulate_media(media="print")
    for selector in ("nav.nav", "footer", "form.centre-form", "#share"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.locator(".plan-sources")).to_be_visible()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    flat = re.sub(r"\s+", "", text)
    assert "Solen" in text
    assert re.sub(r"\s+", "", page.locator(".plan-meta time").inner_text()) in flat
    assert re.sub(r"\s+", "", address) in flat
    assert dt.date.today().isoformat() == page.locator(".plan-meta time").get_attribute("datetime")
    fresh = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 800})
    shared = fresh.new_page()
    shared.goto(address)
    expect(shared.locator("h1")).to_contain_text("Solen")
    expect(shared.locator("table.offer-table tbody tr")).to_have_count(len(added))
    assert shared.evaluate("document.documentElement.scrollWidth") <= 375
    fresh.close()


def test_without_javascript_each_add_opens_the_offer_and_the_search_keeps_it(no_js: Page):
    no_js.goto("/en/methods/?sector=child_health")
    first = no_js.locator("ol.results a.add-to-offer").first.get_attribute("data-add")
    no_js.locator("ol.results a.add-to-offer").first.click()
    expect(no_js).to_have_url(re.compile(rf"/en/offer/\?m={first}$"))
    no_js.get_by_role("link", name="Add methods from the search").click()
    no_js.locator("input[name=sector][value=social_services]").check()
    no_js.get_by_role("button", name="Apply filters").click()
    link = no_js.locator("ol.results a.add-to-offer[data-add]").first
    second = link.get_attribute("data-add")
    link.click()
    expect(no_js).to_have_url(re.compile(rf"m={first}&m={second}"))
    expect(no_js.locator("table.offer-table tbody tr")).to_have_count(2)
    expect(no_js.locator("[data-print]")).to_be_hidden()


@pytest.mark.parametrize(
    ("lang", "worry", "ask"),
    [
        ("sv", "Mitt barns tal och språk", "Fråga hos:"),
        ("fi", "Lapseni puhe ja kieli", "Mistä kysyä:"),
        ("en", "My child's talking and language", "Who to ask:"),
    ],
)
def test_a_parent_finds_a_method_and_learns_where_to_ask_and_whether_it_costs(phone: Page, lang, worry, ask):
    phone.goto(f"/{lang}/parents/")
    phone.locator("#years").fill("4")
    phone.get_by_label(worry).check()
    phone.locator("form button[type=submit]").click()
    first = phone.locator("section.parent-method").first
    box = first.locator(".ask")
    expect(box).to_contain_text(ask)
    facts = box.locator("li")
    expect(facts).to_have_count(3)
    cost = facts.first.inner_text()
    first.locator("a").last.click()
    card_box = phone.locator(".box--parents .ask")
    expect(card_box.locator("li").first).to_have_text(cost)
    expect(card_box.locator("q")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


# -- every page type ---------------------------------------------------------------------------------


def page_types(catalogue, lang: str) -> dict[str, str]:
    found = examples(catalogue)
    urls = {
        "home": f"/{lang}/",
        "search with results": f"/{lang}/methods/?q=föräldrar&age=3-5",
        "search without results": f"/{lang}/methods/?q=zebraastronomi",
        "search with a bad parameter": f"/{lang}/methods/?evidence=bogus",
        "method": f"/{lang}/methods/{found['method']}",
        "compare": f"/{lang}/compare?ids={found['compare']}",
        "compare chooser": f"/{lang}/compare",
        "parents": f"/{lang}/parents/?age=3-5&worry=behaviour_problems",
        "parents by years": f"/{lang}/parents/?years=4&worry=language_development",
        "offer, empty": f"/{lang}/offer/",
        "offer": f"/{lang}/offer/?m={found['compare'].replace(',', '&m=')}&centre=Solen",
        "search while choosing for the offer": f"/{lang}/methods/?sector=child_health&m={found['method']}",
        "evidence": f"/{lang}/evidence/",
        "about": f"/{lang}/about/",
        "accessibility": f"/{lang}/accessibility/",
        "feedback": f"/{lang}/feedback/",
        "follow-up instruments": f"/{lang}/instruments/",
        "instrument": f"/{lang}/instruments/{found['instrument']}/",
        "method with its evidence in depth": f"/{lang}/methods/{found['in_depth']}",
        "search by an effect shown": f"/{lang}/methods/?outcome=child_behaviour",
        "not found": f"/{lang}/methods/no-such-method",
    }
    if lang in found["fallback"]:
        urls["method in another language"] = f"/{lang}/methods/{found['fallback'][lang]}"
    return urls


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_violations_on_any_page_type(page: Page, catalogue, lang):
    axe = Axe()
    failures = []
    for name, url in page_types(catalogue, lang).items():
        page.goto(url)
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        if results.violations_count:
            failures.append(f"{name} ({url}):\n{results.generate_report()}")
    assert not failures, "\n\n".join(failures)


def test_axe_finds_no_violations_in_the_feedback_form_errors(page: Page):
    page.goto("/fi/feedback/")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator(".error-summary")).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_320_px_screen(browser, base_url, catalogue, lang):
    """Reflow (WCAG 1.4.10): nothing but data tables scrolls sideways at 320 px (= 1280 px at 400 %)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for name, url in page_types(catalogue, lang).items():
        page.goto(url)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(name)
    context.close()
    assert not wide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_longest_method_card_prints_on_three_clean_pages(page: Page, catalogue, lang):
    """Facts, where to get it, and the whole text: the longest card (PMTO) fits three A4 pages."""
    longest = max(catalogue.methods.values(), key=lambda m: len(m.text(lang).body) + len(m.text(lang).training))
    page.goto(f"/{lang}/methods/{longest.id}")
    page.emulate_media(media="print")
    for selector in ("nav.nav", "nav.langs", "footer", "form.panel", ".sources-section"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.locator(".box--parents")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 3


def test_pages_load_nothing_from_other_sites_and_break_no_rule(page: Page, catalogue, base_url):
    """No CDN, font or tracker; no script error or Content-Security-Policy violation in the console."""
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for url in (f"/sv/methods/{examples(catalogue)['method']}", "/fi/methods/?q=vanhemmuus", "/en/", "/en/compare"):
        page.goto(url)
    assert requested and all(url.startswith(base_url) for url in requested)
    assert not errors


# -- the parents' pages in the parents' languages (issue 14) -------------------------------------------------


@pytest.mark.parametrize("lang", PARENT_LANGUAGES)
def test_a_parent_reads_the_support_in_her_language_on_a_phone_and_shows_staff_the_sentence(phone: Page, lang):
    """Age and a worry, the matching methods, where to ask and the sentence beside its Swedish form; on a phone and
    on a wide screen without sideways scrolling and with no axe violations, mirrored in Arabic and Persian."""
    phone.goto(f"/{lang}/parents/")
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    expect(phone.locator("html")).to_have_attribute("dir", direction)
    expect(phone.locator("html")).to_have_attribute("lang", lang)
    phone.locator("#years").fill("4")
    phone.locator("input[name=worry][value=behaviour_problems]").check()
    phone.locator("form button[type=submit]").click()
    first = phone.locator("section.parent-method").first
    expect(first.locator(".parent-summary")).not_to_be_empty()
    expect(first.locator(".not-reviewed")).to_be_visible()
    lines = first.locator(".say__line")
    expect(lines).to_have_count(2)
    expect(lines.nth(1)).to_have_attribute("lang", "sv")
    expect(lines.nth(1).locator("q")).to_contain_text("Jag har läst om")
    # mirrored: the radio buttons and check boxes stand at the start of their line, right in Arabic and Persian
    box, label = phone.locator(".choice").first.locator("input"), phone.locator(".choice").first.locator("span")
    box_x, label_x = box.bounding_box()["x"], label.bounding_box()["x"]
    assert (box_x > label_x) == (direction == "rtl")
    results = phone.url
    for width, url in ((375, results), (1280, results), (1280, first.locator("a[hreflang=sv]").get_attribute("href"))):
        phone.set_viewport_size({"width": width, "height": 900})
        phone.goto(url if url.startswith("http") else url.replace("/sv/methods/", f"/{lang}/parents/"))
        assert phone.evaluate("document.documentElement.scrollWidth") <= width, (width, url)
        found = Axe().run(
            phone, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert not found.violations_count, f"{width} px {phone.url}:\n{found.generate_report()}"
