"""Evidence in depth (issue 17): an editor's `pico`, `outcomes` and `follow_up` and the instruments they name are
checked line by line; drafts merge into hand-written files without touching their other lines; the shortlist's
follow-up plan gathers goals, outcomes to watch and instruments."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from catalogue.cli import cli
from catalogue.content.follow_up import follow_up_plan
from catalogue.content.loading import load_catalogue
from tools.merge_evidence import main as merge

from .test_validate import FACTS, write

PICO = """\
      pico:
        population:
          en: Parents of children aged 3–6 in child health clinics.
          sv: Föräldrar till barn 3–6 år på BVC.
          fi: Lastenneuvolan 3–6-vuotiaiden lasten vanhemmat.
        outcomes: [child_behaviour]
        studies: {count: 2, designs: [rct], nordic: 1}
        source: https://itla.fi/menetelmapankki/example
"""
OUTCOMES = """\
outcomes:
  targeted: [child_behaviour, parenting_stress]
  shown: [child_behaviour]
  source: https://itla.fi/menetelmapankki/example
follow_up:
  - instrument: ecbi
    source: https://itla.fi/menetelmapankki/example
"""
INSTRUMENTS = """\
ecbi:
  name: Eyberg Child Behavior Inventory (ECBI)
  measures: {en: Behaviour problems., sv: Beteendeproblem., fi: Käytösongelmat.}
  licence: licensed
  source: https://www.pcit.org/measures.html
"""


def facts(pico: str = PICO, outcomes: str = OUTCOMES) -> str:
    """The validator tests' English file (without its one-line pico) with these blocks."""
    lines = [line for line in FACTS.splitlines(keepends=True) if not line.startswith("      pico:")]
    text = "".join(lines).replace('      date: "2025-03-24"\n', '      date: "2025-03-24"\n' + pico)
    return text.replace("age:\n", outcomes + "age:\n", 1)


@pytest.fixture
def content(content_dir: Path) -> Path:
    (content_dir / "instruments.yaml").write_text(INSTRUMENTS, encoding="utf-8")
    return content_dir


def problems(content: Path, text: str, strict: bool = False) -> tuple[Path, list[str], int]:
    path = write(content, "en", "example", text)
    write(content, "en", "other", facts().replace("Example Programme", "Other").replace("(other.md)", "(example.md)"))
    result = CliRunner().invoke(cli, ["validate", "--content", str(content), *(["--strict"] if strict else [])])
    return path, [line for line in result.output.splitlines() if line.startswith(str(path))], result.exit_code


def test_a_complete_entry_passes_strictly_and_reaches_the_model(content: Path):
    path, reported, status = problems(content, facts(), strict=True)
    assert (reported, status) == ([], 0)
    method = load_catalogue(content).methods["example"]
    pico = method.ratings[0].pico
    assert pico.text("population", "fi").text == "Lastenneuvolan 3–6-vuotiaiden lasten vanhemmat."
    assert pico.text("comparison", "sv").text == ""
    assert (pico.studies.count, pico.studies.designs, pico.studies.nordic) == (2, ("rct",), 1)
    assert method.outcomes.shown == ("child_behaviour",)
    assert [item.instrument for item in method.follow_up] == ["ecbi"]


def test_an_effect_on_something_the_method_does_not_aim_at_is_kept(content: Path):
    """A study of an interaction programme that also found less depression among mothers: both are facts."""
    secondary = OUTCOMES.replace("shown: [child_behaviour]", "shown: [child_behaviour, parental_depression]")
    path, reported, status = problems(content, facts(outcomes=secondary), strict=True)
    assert (reported, status) == ([], 0)
    outcomes = load_catalogue(content).methods["example"].outcomes
    assert "parental_depression" in outcomes.shown and "parental_depression" not in outcomes.targeted


def test_a_rated_method_without_a_pico_is_a_warning_that_strict_fails(content: Path):
    path, reported, status = problems(content, facts(pico=""))
    assert reported == [
        f"{path}:11: evidence.ratings[0]: warning: the first rating has no `pico`: what the review found (who,"
        " against what, what changed) (add `pico:` with what the registry's page states, and its `source`; see"
        " CONTRIBUTING.md)"
    ]
    assert status == 0 and "example" in load_catalogue(content).methods, "still on the site"
    assert problems(content, facts(pico=""), strict=True)[2] == 1


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            lambda t: t.replace("        source: https://itla.fi/menetelmapankki/example\n", ""),
            16,
            "evidence.ratings[0].pico.source: required (add `source:`)",
        ),
        (
            lambda t: t.replace("          fi: Lastenneuvolan 3–6-vuotiaiden lasten vanhemmat.\n", ""),
            17,
            "evidence.ratings[0].pico.population.fi: the Finnish text is missing (add `fi:` with the text in Finnish;",
        ),
        (
            lambda t: t.replace("outcomes: [child_behaviour]", "outcomes: [happiness]"),
            21,
            "evidence.ratings[0].pico.outcomes[0]: 'happiness' is not a known term (use one of: child_behaviour,",
        ),
        (
            lambda t: t.replace("nordic: 1}", "nordic: 3}"),
            22,
            "evidence.ratings[0].pico.studies.nordic: 3 Nordic studies of 2 in all",
        ),
        (
            lambda t: t.replace("targeted: [child_behaviour, parenting_stress]", "targeted: [parent_stress]"),
            25,
            "outcomes.targeted[0]: 'parent_stress' is not a known term",
        ),
        (
            lambda t: t.replace("  source: https://itla.fi/menetelmapankki/example\nfollow_up", "follow_up"),
            24,
            "outcomes.source: required",
        ),
        (
            lambda t: t.replace("instrument: ecbi", "instrument: sdq"),
            29,
            "follow_up[0].instrument: 'sdq' is not an instrument in content/instruments.yaml (use one of: ecbi;",
        ),
    ],
)
def test_each_rule_names_the_line_and_the_fix(content: Path, change, line, message):
    path, reported, status = problems(content, change(facts()))
    assert status == 1
    assert [entry for entry in reported if entry.startswith(f"{path}:{line}: {message}")], reported
    assert "example" not in load_catalogue(content).methods, "an error in the facts leaves the method out"


def test_a_broken_instrument_is_reported_and_left_out_but_the_method_stays(content: Path):
    (content / "instruments.yaml").write_text(INSTRUMENTS.replace("licence: licensed", "licence: cheap"))
    problems(content, facts())
    catalogue = load_catalogue(content)
    assert [str(p) for p in catalogue.problems if p.path.endswith("instruments.yaml")] == [
        f"{content / 'instruments.yaml'}:4: ecbi.licence: 'cheap' is not allowed (use one of: free, licensed)"
    ]
    assert catalogue.instruments == {}
    assert catalogue.methods["example"].follow_up == ()


# -- merging drafts --------------------------------------------------------------------------------------------


HAND_WRITTEN = """\
---
title: Example Programme
summary: >-
  A group programme for parents
  of young children.   # folded by hand
parent_summary: You meet other parents in a small group. You talk about daily life with your child.
reviewed: 2026-01-15
kind: programme
evidence:
  level: effective
  ratings:
    - registry: kasvun-tuki
      rating: "4/5"
      url: https://itla.fi/menetelmapankki/example
      checked: "2026-01-15"

    # a comment between ratings stays
    - registry: ungsinn
      rating: "3"
      url: https://ungsinn.no/example
      checked: "2026-01-15"
age: {from: 3, to: 6}
need: [universal]
sectors: [child_health]
topics: [parenting_skills]
format: [group]
languages: [sv, "no"]
sources:
  - url: https://itla.fi/menetelmapankki/example
---
## How it works

Parents meet weekly.
"""


def draft(folder: Path, **changes) -> Path:
    data = {
        "method": "example",
        "ratings": [
            {
                "url": "https://ungsinn.no/example",
                "effect": {"en": "Fewer problems.", "sv": "Färre problem.", "fi": "Vähemmän ongelmia."},
                "source": "https://ungsinn.no/example",
            },
            {
                "url": "https://itla.fi/menetelmapankki/example",
                "population": {"en": "Parents.", "sv": "Föräldrar.", "fi": "Vanhemmat."},
                "source": "https://itla.fi/menetelmapankki/example",
            },
        ],
        "outcomes": {"targeted": ["child_behaviour"], "shown": ["child_behaviour"], "source": "https://ungsinn.no/"},
        "follow_up": [
            {"instrument": "ecbi", "source": "https://ungsinn.no/example"},
            {"instrument": "sdq", "source": "https://ungsinn.no/example"},
        ],
        "notes": "for the integrator",
    } | changes
    path = folder / "example.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_draft_merges_into_a_hand_written_file_keeping_every_other_line(content: Path, tmp_path: Path, capsys):
    target = write(content, "en", "example", HAND_WRITTEN)
    assert merge(["--content", str(content), str(draft(tmp_path))]) == 0
    output = capsys.readouterr().out
    assert "example: merged pico of rating 2, pico of rating 1, outcomes, follow-up ecbi" in output
    assert "held: follow-up sdq: follow_up[1].instrument: error: 'sdq' is not an instrument" in output
    merged = target.read_text(encoding="utf-8")
    added = [line for line in merged.splitlines() if line not in HAND_WRITTEN.splitlines()]
    kept = [line for line in merged.splitlines() if line in HAND_WRITTEN.splitlines()]
    assert kept == HAND_WRITTEN.splitlines(), "every hand-written line, in its order"
    assert added[:2] == ["      pico:", "        population:"]
    method = load_catalogue(content).methods["example"]
    assert method.ratings[1].pico.text("effect", "sv").text == "Färre problem."
    assert method.ratings[0].pico.text("population", "fi").text == "Vanhemmat."
    assert method.languages == ("sv", "no")
    again = draft(tmp_path, outcomes={"targeted": ["child_behaviour"], "shown": [], "source": "https://ungsinn.no/"})
    merge(["--content", str(content), str(again)])
    assert target.read_text(encoding="utf-8").count("outcomes:\n") == 1, "a block is replaced, not repeated"
    assert load_catalogue(content).methods["example"].outcomes.shown == ()


def test_a_part_the_validator_rejects_is_held_back_with_its_message(content: Path, tmp_path: Path, capsys):
    target = write(content, "en", "example", HAND_WRITTEN)
    unknown = {"targeted": ["child_behaviour"], "shown": ["bulying"], "source": "https://ungsinn.no/"}
    no_source = [{"url": "https://itla.fi/menetelmapankki/example", "population": {"en": "a", "sv": "b", "fi": "c"}}]
    merge(["--content", str(content), str(draft(tmp_path, outcomes=unknown, ratings=no_source))])
    output = capsys.readouterr().out
    assert "held: pico of rating 1: evidence.ratings[0].pico.source: error: required" in output
    assert "held: outcomes: outcomes.shown[0]: error: 'bulying' is not a known term" in output
    text = target.read_text(encoding="utf-8")
    assert "pico:" not in text and "outcomes:" not in text and "follow_up:" in text


def test_an_instrument_draft_keeps_its_comments_and_leaves_out_review_notes(content: Path, tmp_path: Path):
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "sdq.yaml").write_text(
        textwrap.dedent(
            """\
            id: sdq
            name: Strengths and Difficulties Questionnaire (SDQ)
            measures: {en: Strengths and difficulties., sv: Styrkor och svårigheter., fi: Vahvuudet ja vaikeudet.}
            # languages: read on the SDQ site
            languages: [sv, fi]
            source: https://www.sdqinfo.org/
            checked:
              by: second reader
            """
        ),
        encoding="utf-8",
    )
    merge(["--content", str(content), str(tmp_path / "instruments" / "sdq.yaml")])
    text = (content / "instruments.yaml").read_text(encoding="utf-8")
    assert text.startswith(INSTRUMENTS), "the entries there stay as they were"
    assert "  # languages: read on the SDQ site\n" in text and "checked" not in text
    assert load_catalogue(content).instruments["sdq"].languages == ("sv", "fi")


# -- the follow-up plan ----------------------------------------------------------------------------------------


def test_the_follow_up_plan_of_a_shortlist(catalogue):
    chosen = [catalogue.methods[i] for i in ("pcit", "incredible-years-parent", "icdp")]
    unrated = next(m for m in catalogue.methods.values() if m.outcomes is None)
    plan = follow_up_plan([*chosen, unrated], catalogue.instruments, list(catalogue.taxonomy["outcomes"]))
    goals = dict(plan.goals)
    assert "pcit" in goals["child_behaviour"] and "incredible-years-parent" in goals["child_behaviour"]
    assert set(dict(plan.watch)) <= set(goals), "what to watch is among the goals"
    instruments = {instrument.id: ids for instrument, ids in plan.instruments}
    assert instruments["ecbi"] == ("pcit", "incredible-years-parent")
    assert instruments["dpics"] == ("pcit",)
    assert plan.unstated == (unrated.id,)
