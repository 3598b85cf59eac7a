"""The validated content model: a method's language-neutral facts and its texts per language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from catalogue.content import LANGUAGES
from catalogue.content.taxonomy import Taxonomy

FALLBACK = {"sv": ("en", "fi"), "fi": ("en", "sv"), "en": ("sv", "fi")}
"""Where a missing text is taken from, by the reader's language: English first, then the neighbour."""


def as_range(value: int | list[int] | None) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return (value, value)
    return (value[0], value[1])


class Note(NamedTuple):
    text: str
    lang: str


Texts = tuple[tuple[str, str], ...]
"""One text in several languages, as (language, text) pairs."""


def texts_of(value: str | dict[str, str] | None) -> Texts:
    """`{en: …, sv: …, fi: …}` (or plain English text) as (language, text) pairs."""
    if not value:
        return ()
    if isinstance(value, str):
        return (("en", value.strip()),)
    return tuple((lang, text.strip()) for lang, text in value.items())


def text_in(texts: Texts, lang: str) -> Note:
    """The text in `lang`, or in the nearest language it is written in; empty when there is none."""
    written = dict(texts)
    for candidate in (lang, *FALLBACK.get(lang, ())):
        if written.get(candidate):
            return Note(written[candidate], candidate)
    return Note("", lang)


@dataclass(frozen=True)
class Studies:
    """The studies a review rests on, as the registry states them; None where it does not say."""

    count: int | None = None
    designs: tuple[str, ...] = ()
    """rct, quasi_experimental, pre_post, qualitative, systematic_review."""
    nordic: int | None = None


@dataclass(frozen=True)
class Pico:
    """What a rating's review found, in plain words: who was studied, against what, what changed and how much."""

    source: str
    population: Texts = ()
    comparison: Texts = ()
    outcomes: tuple[str, ...] = ()
    """Outcome domains (taxonomy `outcomes`) the studies measured."""
    effect: Texts = ()
    studies: Studies | None = None
    applicability: Texts = ()
    """The registry's own judgement of how well the findings apply here (e.g. Kasvun tuki's for Finland)."""

    def text(self, part: str, lang: str) -> Note:
        return text_in(getattr(self, part), lang)


def build_pico(data: dict[str, Any] | None) -> Pico | None:
    if not data:
        return None
    studies = data.get("studies")
    return Pico(
        source=data["source"],
        population=texts_of(data.get("population")),
        comparison=texts_of(data.get("comparison")),
        outcomes=tuple(data.get("outcomes", ())),
        effect=texts_of(data.get("effect")),
        studies=Studies(studies.get("count"), tuple(studies.get("designs", ())), studies.get("nordic"))
        if studies
        else None,
        applicability=texts_of(data.get("applicability")),
    )


@dataclass(frozen=True)
class Outcomes:
    """The outcome domains a method aims to change, and those where a source reports a favourable effect."""

    targeted: tuple[str, ...]
    source: str
    shown: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    """An instrument (`content/instruments.yaml`) used to follow the method up, with the page that says so."""

    instrument: str
    source: str


@dataclass(frozen=True)
class Rating:
    registry: str
    rating: str
    url: str
    checked: str
    """The day we read the registry's page."""
    date: str = ""
    """The registry's own date for the rating; empty when it states none."""
    version: str = ""
    scope: str = "described"
    label: str = ""
    notes: Texts = ()
    """What the rating covers, as (language, text) pairs; a note written as plain text is English."""
    level: str | None = None
    """The level this rating gives by the rating map; None when the map has no entry."""
    pico: Pico | None = None
    """What the review found; None until it is written."""

    def note_in(self, lang: str) -> Note:
        """The note in `lang`, or in the nearest language it is written in; empty when there is none."""
        return text_in(self.notes, lang)


@dataclass(frozen=True)
class Age:
    start: int
    end: int
    prenatal: bool = False

    def covers(self, years: int) -> bool:
        return self.start <= years <= self.end


@dataclass(frozen=True)
class Duration:
    sessions: tuple[int, int] | None = None
    session_minutes: tuple[int, int] | None = None
    weeks: tuple[int, int] | None = None


@dataclass(frozen=True)
class Reference:
    title: str
    year: int
    doi: str = ""
    url: str = ""

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


@dataclass(frozen=True)
class Contact:
    organisation: str = ""
    url: str = ""
    email: str = ""


@dataclass(frozen=True)
class Organisation:
    organisation: str
    url: str = ""


@dataclass(frozen=True)
class CountryOffer:
    country: str
    source: str
    offered_by: tuple[Organisation, ...] = ()
    trained_by: tuple[Organisation, ...] = ()
    training_languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Training:
    source: str
    days: float | None = None
    hours: float | None = None
    professions: tuple[str, ...] = ()
    certification: bool | None = None
    supervision: bool | None = None


@dataclass(frozen=True)
class ProviderCost:
    item: str
    source: str
    amount: float | None = None
    currency: str = ""
    per: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Cost:
    source: str
    families: str = ""
    """free, fee or varies; empty when no source states it."""
    provider: tuple[ProviderCost, ...] = ()


@dataclass(frozen=True)
class Materials:
    languages: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Implementation:
    """Where to get a method and what it takes; every part is absent where no source states it."""

    countries: tuple[CountryOffer, ...] = ()
    training: Training | None = None
    cost: Cost | None = None
    materials: Materials | None = None


def build_implementation(data: dict[str, Any] | None) -> Implementation | None:
    if not data:
        return None
    countries = tuple(
        CountryOffer(
            country=code,
            source=entry["source"],
            offered_by=tuple(Organisation(**org) for org in entry.get("offered_by", ())),
            trained_by=tuple(Organisation(**org) for org in entry.get("trained_by", ())),
            training_languages=tuple(entry.get("training_languages", ())),
        )
        for code, entry in (data.get("countries") or {}).items()
    )
    training = data.get("training")
    cost = data.get("cost")
    materials = data.get("materials")
    return Implementation(
        countries=countries,
        training=Training(**{**training, "professions": tuple(training.get("professions", ()))}) if training else None,
        cost=Cost(
            source=cost["source"],
            families=cost.get("families", ""),
            provider=tuple(ProviderCost(**item) for item in cost.get("provider", ())),
        )
        if cost
        else None,
        materials=Materials(tuple(materials["languages"]), materials["source"]) if materials else None,
    )


@dataclass(frozen=True)
class Text:
    """What one language's file says (with fields it left out filled from other languages)."""

    lang: str
    title: str
    summary: str
    parent_summary: str
    reviewed: dt.date
    body: str = ""
    body_html: str = ""
    """The body rendered and sanitised by the build; links to other methods are resolved when shown
    (`rendering.link_methods`)."""
    aliases: tuple[str, ...] = ()
    training: str = ""
    contact: Contact | None = None
    path: Path | None = None


@dataclass
class Method:
    id: str
    kind: str
    level: str
    ratings: tuple[Rating, ...]
    age: Age
    need: tuple[str, ...]
    sectors: tuple[str, ...]
    topics: tuple[str, ...]
    format: tuple[str, ...]
    age_bands: tuple[str, ...]
    languages: tuple[str, ...] = ()
    duration: Duration | None = None
    implementation: Implementation | None = None
    website: str = ""
    references: tuple[Reference, ...] = ()
    sources: tuple[Link, ...] = ()
    outcomes: Outcomes | None = None
    follow_up: tuple[FollowUp, ...] = ()
    texts: dict[str, Text] = field(default_factory=dict)

    @property
    def translations(self) -> list[str]:
        """The languages this method has its own file in, in site order."""
        return [lang for lang in LANGUAGES if lang in self.texts]

    def text(self, lang: str) -> Text:
        """The text to show a reader of `lang`: its own, or the nearest translation."""
        if lang in self.texts:
            return self.texts[lang]
        for other in FALLBACK.get(lang, LANGUAGES):
            if other in self.texts:
                return self.texts[other]
        return next(iter(self.texts.values()))

    @property
    def reviewed(self) -> dt.date:
        return max(text.reviewed for text in self.texts.values())

    @property
    def all_names(self) -> list[str]:
        """Titles and aliases in every language, for search: any name finds the method."""
        names: list[str] = []
        for text in self.texts.values():
            for name in (text.title, *text.aliases):
                if name not in names:
                    names.append(name)
        return names


def build_method(method_id: str, facts: dict[str, Any], texts: dict[str, Text], taxonomy: Taxonomy) -> Method:
    """A Method from merged, already validated facts."""
    evidence = facts["evidence"]
    ratings = tuple(
        Rating(
            registry=r["registry"],
            rating=r["rating"],
            url=r["url"],
            checked=r["checked"],
            date=r.get("date", ""),
            version=r.get("version", ""),
            scope=r.get("scope", "described"),
            label=r.get("label", ""),
            notes=texts_of(r.get("note")),
            level=taxonomy.level_of(r["registry"], r["rating"]),
            pico=build_pico(r.get("pico")),
        )
        for r in evidence.get("ratings", [])
    )
    age = Age(facts["age"]["from"], facts["age"]["to"], facts["age"].get("prenatal", False))
    duration = facts.get("duration")
    outcomes = facts.get("outcomes")
    return Method(
        id=method_id,
        kind=facts["kind"],
        level=evidence["level"],
        ratings=ratings,
        age=age,
        need=tuple(facts["need"]),
        sectors=tuple(facts["sectors"]),
        topics=tuple(facts["topics"]),
        format=tuple(facts["format"]),
        age_bands=tuple(taxonomy.age_bands_for(age.start, age.end, age.prenatal)),
        languages=tuple(facts.get("languages", ())),
        duration=Duration(**{key: as_range(value) for key, value in duration.items()}) if duration else None,
        implementation=build_implementation(facts.get("implementation")),
        website=facts.get("website", ""),
        references=tuple(Reference(**ref) for ref in facts.get("references", [])),
        sources=tuple(Link(**src) for src in facts.get("sources", [])),
        outcomes=Outcomes(tuple(outcomes["targeted"]), outcomes["source"], tuple(outcomes.get("shown", ())))
        if outcomes
        else None,
        follow_up=tuple(FollowUp(item["instrument"], item["source"]) for item in facts.get("follow_up", ())),
        texts=texts,
    )
