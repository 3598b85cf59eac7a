"""A follow-up plan for a set of methods (a family centre's shortlist): the goals they serve, the outcomes to watch
and the instruments to watch them with, each with the methods it comes from. For the offer's printable plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from catalogue.content.instruments import Instrument
from catalogue.content.model import Method


@dataclass(frozen=True)
class FollowUpPlan:
    goals: tuple[tuple[str, tuple[str, ...]], ...]
    """Outcome domains the methods aim to change (`outcomes.targeted`), in the taxonomy's order, each with the ids
    of the methods that aim at it."""
    watch: tuple[tuple[str, tuple[str, ...]], ...]
    """Outcome domains where a source reports a favourable effect (`outcomes.shown`): what a centre can expect to
    see change, and so what to watch."""
    instruments: tuple[tuple[Instrument, tuple[str, ...]], ...]
    """Instruments the methods are followed up with, each with the ids of those methods, by name."""
    unstated: tuple[str, ...]
    """Methods whose outcomes no source we read states."""


def follow_up_plan(
    methods: Iterable[Method], instruments: Mapping[str, Instrument], domains: Sequence[str]
) -> FollowUpPlan:
    """The plan for `methods` (in the order given), with the catalogue's `instruments` and the taxonomy's outcome
    `domains` (`list(taxonomy["outcomes"])`), e.g. `follow_up_plan(chosen, catalogue.instruments, domains)`."""
    methods = list(methods)

    def by_domain(part: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        found = {
            domain: tuple(m.id for m in methods if m.outcomes and domain in getattr(m.outcomes, part))
            for domain in domains
        }
        return tuple((domain, ids) for domain, ids in found.items() if ids)

    used: dict[str, list[str]] = {}
    for method in methods:
        for item in method.follow_up:
            if item.instrument in instruments and method.id not in used.setdefault(item.instrument, []):
                used[item.instrument].append(method.id)
    return FollowUpPlan(
        goals=by_domain("targeted"),
        watch=by_domain("shown"),
        instruments=tuple(
            (instruments[key], tuple(ids)) for key, ids in sorted(used.items(), key=lambda i: instruments[i[0]].name)
        ),
        unstated=tuple(m.id for m in methods if m.outcomes is None),
    )
