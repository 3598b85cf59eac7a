"""The shipped catalogue covers a family centre's whole mission: enough methods, every topic and every sector."""

from __future__ import annotations

from collections import Counter

from catalogue.content import LANGUAGES

MIN_METHODS = 90
MIN_PER_TOPIC = 5
MIN_PER_SECTOR = 10
MIN_YOUNG_FOLLOWED_UP = 25
"""Methods for ages 0–6 that name instruments to follow them up with (27 in December 2026)."""


def test_at_least_90_methods_each_in_swedish_finnish_and_english(catalogue):
    assert len(catalogue.methods) >= MIN_METHODS
    missing = {
        m.id: set(LANGUAGES) - set(m.texts) for m in catalogue.methods.values() if set(m.texts) != set(LANGUAGES)
    }
    assert not missing


def test_every_topic_and_every_sector_has_methods_enough_to_choose_from(catalogue):
    topics = Counter(topic for method in catalogue.methods.values() for topic in method.topics)
    sectors = Counter(sector for method in catalogue.methods.values() for sector in method.sectors)
    thin_topics = {t: topics[t] for t in catalogue.taxonomy["topics"] if topics[t] < MIN_PER_TOPIC}
    thin_sectors = {s: sectors[s] for s in catalogue.taxonomy["sectors"] if sectors[s] < MIN_PER_SECTOR}
    assert not thin_topics and not thin_sectors


def test_no_rating_is_dated_with_the_year_it_was_read(catalogue):
    for method in catalogue.methods.values():
        for rating in method.ratings:
            assert not (len(rating.date) == 4 and rating.checked.startswith(rating.date)), (method.id, rating)


def test_a_centre_can_find_follow_up_instruments_and_effects_on_parents_mood(catalogue):
    young = [m for m in catalogue.methods.values() if m.age.start <= 6]
    assert sum(1 for m in young if m.follow_up) >= MIN_YOUNG_FOLLOWED_UP
    assert {"epds", "sdq", "psi"} <= {item.instrument for m in catalogue.methods.values() for item in m.follow_up}
    depression = {m.id for m in catalogue.methods.values() if m.outcomes and "parental_depression" in m.outcomes.shown}
    assert {"mamma-mia", "vavu"} <= depression
