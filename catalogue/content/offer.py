"""A family centre's offer: the methods it has chosen, what they cover together, the gaps, and what fills them.

Family centres plan from goals to activities: the offer should reach every partner (maternity and child health
care, open preschool, social services), the centre's goals (attachment, social networks, gender-equal parenthood,
language, integration), every age from pregnancy to school start and every level of need. Coverage is counted
from the methods' facts alone; totals add up only what the sources state, and say for how many methods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catalogue.content.collation import sort_key
from catalogue.content.model import Method
from catalogue.content.taxonomy import Taxonomy

MAX_METHODS = 40
"""Methods one offer may hold: its address stays well under the site's 6 kB query limit."""

GOALS = (
    "attachment_interaction",
    "social_network",
    "gender_equal_parenthood",
    "language_development",
    "newly_arrived_families",
)
"""The family-centre goals of a programme theory, as topics: the other topics are covered or not, never gaps."""

CHILDHOOD = ("pregnancy", "0", "1-2", "3-5", "6-12")
"""Age bands a family centre covers, from pregnancy to school start (the 6–12 band holds six-year-olds)."""

SUGGESTIONS = 3
"""Methods suggested per gap."""


@dataclass(frozen=True)
class Area:
    """One term of a dimension: which chosen methods cover it, and whether the offer should cover it."""

    term: str
    methods: tuple[str, ...]
    expected: bool

    @property
    def gap(self) -> bool:
        return self.expected and not self.methods


@dataclass(frozen=True)
class Dimension:
    name: str
    """sectors, topics, age_bands or need: the taxonomy vocabulary of its terms."""
    areas: tuple[Area, ...]

    @property
    def gaps(self) -> list[Area]:
        return [area for area in self.areas if area.gap]


@dataclass(frozen=True)
class Gap:
    dimension: str
    term: str
    suggestions: tuple[str, ...]
    """Methods not in the offer that cover the term: strongest evidence first, then those filling most gaps."""


@dataclass(frozen=True)
class Total:
    """A sum over the methods whose sources state the figure."""

    value: float
    stated: int
    """How many of the offer's methods it adds up."""


@dataclass(frozen=True)
class Totals:
    methods: int
    levels: dict[str, int]
    """Evidence level → number of methods, strongest first."""
    training_days: Total
    training_hours: Total
    certification: int
    """Methods whose leaders must be certified."""
    family_costs: dict[str, int]
    """free, fee, varies and "" (not stated) → number of methods."""
    provider_costs: dict[tuple[str, str], Total]
    """(currency, per) → the stated amounts added up; only amounts in the same currency and per the same unit."""


@dataclass(frozen=True)
class Offer:
    methods: tuple[Method, ...]
    dimensions: tuple[Dimension, ...]
    gaps: tuple[Gap, ...]
    totals: Totals


def _terms(method: Method, dimension: str) -> Iterable[str]:
    return {"sectors": method.sectors, "topics": method.topics, "age_bands": method.age_bands, "need": method.need}[
        dimension
    ]


def _expected(taxonomy: Taxonomy, dimension: str, term: str) -> bool:
    if dimension == "sectors":
        return bool(taxonomy["sectors"][term].get("family_centre_partner"))
    if dimension == "topics":
        return term in GOALS
    if dimension == "age_bands":
        return term in CHILDHOOD
    return True


DIMENSIONS = ("sectors", "topics", "age_bands", "need")


def plan(chosen: Sequence[Method], catalogue: Iterable[Method], taxonomy: Taxonomy, lang: str) -> Offer:
    """The offer of `chosen` methods, with gaps filled by suggestions from `catalogue` (names sorted for `lang`)."""
    dimensions = tuple(
        Dimension(
            name,
            tuple(
                Area(term, tuple(m.id for m in chosen if term in _terms(m, name)), _expected(taxonomy, name, term))
                for term in taxonomy[name]
            ),
        )
        for name in DIMENSIONS
    )
    open_gaps = {(d.name, area.term) for d in dimensions for area in d.gaps}
    ids = {m.id for m in chosen}
    candidates = [m for m in catalogue if m.id not in ids]
    rank = {level: i for i, level in enumerate(taxonomy["levels"])}

    def fills(method: Method) -> int:
        return sum((name, term) in open_gaps for name in DIMENSIONS for term in _terms(method, name))

    order = sorted(
        candidates, key=lambda m: (rank.get(m.level, len(rank)), -fills(m), sort_key(m.text(lang).title, lang))
    )
    gaps = tuple(
        Gap(name, term, tuple(m.id for m in order if term in _terms(m, name))[:SUGGESTIONS])
        for name, term in (
            (d.name, area.term) for d in dimensions for area in d.areas if (d.name, area.term) in open_gaps
        )
    )
    return Offer(tuple(chosen), dimensions, gaps, totals(chosen, taxonomy))


def totals(chosen: Sequence[Method], taxonomy: Taxonomy) -> Totals:
    trainings = [m.implementation.training for m in chosen if m.implementation and m.implementation.training]
    costs = [m.implementation.cost if m.implementation else None for m in chosen]
    provider: dict[tuple[str, str], list[float]] = {}
    for cost in costs:
        for item in cost.provider if cost else ():
            if item.amount is not None:
                provider.setdefault((item.currency, item.per), []).append(item.amount)
    levels = Counter(m.level for m in chosen)
    return Totals(
        methods=len(chosen),
        levels={level: levels[level] for level in taxonomy["levels"] if levels[level]},
        training_days=_total(t.days for t in trainings),
        training_hours=_total(t.hours for t in trainings),
        certification=sum(1 for t in trainings if t.certification),
        family_costs=dict(Counter(cost.families if cost else "" for cost in costs)),
        provider_costs={unit: Total(sum(amounts), len(amounts)) for unit, amounts in provider.items()},
    )


def _total(values: Iterable[float | None]) -> Total:
    stated = [value for value in values if value is not None]
    return Total(sum(stated), len(stated))
