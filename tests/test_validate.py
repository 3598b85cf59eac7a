"""An editor runs `catalogue validate` and gets one `path:line: field: problem (fix)` line per problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli import cli
from catalogue.content.loading import load_catalogue

FACTS = """\
---
title: Example Programme
aliases: [Exempelprogrammet]
summary: A group programme for parents of young children.
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
      date: "2025-03-24"
      pico: {population: {en: Parents, sv: Föräldrar, fi: Vanhemmat}, source: "https://itla.fi/menetelmapankki/example"}
age:
  from: 3
  to: 6
need: [universal]
sectors: [child_health]
topics: [parenting_skills]
format: [group]
sources:
  - url: https://itla.fi/menetelmapankki/example
---
## How it works

Parents meet weekly. See [the other one](other.md).
"""

SV = """\
---
title: Exempelprogrammet
summary: Ett gruppprogram för föräldrar till små barn.
parent_summary: Du träffar andra föräldrar i en liten grupp. Ni pratar om vardagen med barnet.
reviewed: 2026-01-15
---
## Så går det till

Föräldrarna träffas varje vecka.
"""


def write(content_dir: Path, lang: str, method_id: str, text: str | bytes) -> Path:
    path = content_dir / lang / f"{method_id}.md"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def validate(content_dir: Path, *args: str):
    return CliRunner().invoke(cli, ["validate", "--content", str(content_dir), *args])


@pytest.fixture
def good(content_dir: Path) -> Path:
    write(content_dir, "en", "example", FACTS)
    write(content_dir, "sv", "example", SV)
    write(
        content_dir,
        "en",
        "other",
        FACTS.replace("Example Programme", "Other Programme").replace("(other.md)", "(example.md)"),
    )
    return content_dir


def lines_for(result, path: Path) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith(str(path))]


def test_valid_content_passes_and_builds_methods(good: Path):
    result = validate(good)
    assert result.exit_code == 0, result.output
    catalogue = load_catalogue(good)
    method = catalogue.methods["example"]
    assert method.level == "effective"
    assert method.age_bands == ("3-5", "6-12")
    assert method.texts["sv"].title == "Exempelprogrammet"
    # the Swedish file inherits facts and the aliases it left out
    assert method.text("sv").aliases == ("Exempelprogrammet",)
    assert method.text("fi").lang == "en"  # no Finnish file: the reader gets English


def test_the_shipped_content_passes_strict_validation():
    result = CliRunner().invoke(cli, ["validate", "--strict"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "line", "field", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", 2, "front matter", "not valid YAML"),
        ("---\ntitle: A\nsummary: B\n", 1, "front matter", "no closing ---"),
        ("", 1, "file", "empty"),
        ("   \n\n", 1, "file", "empty"),
        ("Just text, no front matter.\n", 1, "front matter", "missing"),
        ("---\n- a\n- b\n---\n", 2, "front matter", "must be a list of `field: value` lines"),
    ],
)
def test_unreadable_files_get_one_clear_line(content_dir: Path, content, line, field, message):
    path = write(content_dir, "sv", "broken", content)
    result = validate(content_dir)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [reported] = lines_for(result, path)
    assert reported.startswith(f"{path}:{line}: {field}: {message}")
    assert "(" in reported  # every line says how to fix it


def test_non_utf8_file(content_dir: Path):
    path = write(content_dir, "fi", "latin", "---\ntitle: Perhe\n---\nÄiti\n".encode("latin-1"))
    result = validate(content_dir)
    assert result.exit_code == 1
    assert lines_for(result, path) == [f"{path}:4: file: not UTF-8 (save the file as UTF-8 in your editor)"]


def test_five_megabyte_file(content_dir: Path):
    path = write(content_dir, "en", "huge", "---\ntitle: x\n---\n" + "a" * 5_000_000)
    result = validate(content_dir)
    assert result.exit_code == 1
    [reported] = lines_for(result, path)
    assert reported.startswith(f"{path}:1: file: too large")


def test_every_problem_is_reported_with_the_line_of_its_field(good: Path):
    bad = (
        FACTS.replace("level: effective", "level: promising")
        .replace("from: 3", "from: 9")
        .replace("sectors: [child_health]", "sectors: [child_health, kindergarten]")
        .replace("reviewed: 2026-01-15", "reviewed: 2999-01-01")
        .replace("url: https://itla.fi/menetelmapankki/example\n      checked", "url: itla.fi/example\n      checked")
        .replace("(other.md)", "(missing-method.md)")
        .replace("format: [group]", "format: [group]\ncolour: blue")
    )
    path = write(good, "en", "example", bad)
    result = validate(good)
    assert result.exit_code == 1
    reported = lines_for(result, path)
    text = "\n".join(reported)
    assert f"{path}:6: reviewed: 2999-01-01 is in the future" in text
    assert f"{path}:9: evidence.level: the first rating (kasvun-tuki 4/5) gives 'effective', not 'promising'" in text
    assert f"{path}:13: evidence.ratings[0].url: 'itla.fi/example' is not a web address" in text
    assert f"{path}:18: age.from: from (9) is above to (6)" in text
    assert f"{path}:21: sectors[1]: 'kindergarten' is not a known term (use one of: maternity_care" in text
    assert f"{path}:24: colour: unknown field" in text
    assert f"{path}:30: body: link to unknown method 'missing-method.md'" in text
    assert len(reported) == 7


def test_a_rated_level_needs_a_rating_with_a_source(good: Path):
    no_ratings = FACTS.split("  ratings:")[0] + "age:" + FACTS.split("age:")[1]
    path = write(good, "en", "example", no_ratings)
    result = validate(good)
    assert f"{path}:9: evidence.level: 'effective' needs a published rating with its source" in result.output
    missing_url = FACTS.replace("      url: https://itla.fi/menetelmapankki/example\n", "")
    write(good, "en", "example", missing_url)
    result = validate(good)
    assert f"{path}:11: evidence.ratings[0].url: required (add `url:`)" in result.output


def test_a_rating_outside_the_mapping_cannot_set_the_level(good: Path):
    path = write(good, "en", "example", FACTS.replace('rating: "4/5"', 'rating: "7/5"'))
    result = validate(good)
    assert f"{path}:12: evidence.ratings[0].rating: '7/5' from kasvun-tuki is not in rating_map" in result.output


def test_translations_may_not_contradict_the_facts(good: Path):
    path = write(
        good, "sv", "example", SV.replace("reviewed: 2026-01-15", "reviewed: 2026-01-15\nage:\n  from: 0\n  to: 6")
    )
    result = validate(good)
    assert result.exit_code == 1
    [reported] = lines_for(result, path)
    assert reported.startswith(f"{path}:6: age: differs from en")
    # the Swedish file is left out; the method is still shown, in English
    catalogue = load_catalogue(good)
    assert catalogue.methods["example"].translations == ["en"]


def test_translation_may_repeat_a_fact_that_agrees(good: Path):
    write(good, "sv", "example", SV.replace("reviewed: 2026-01-15", "reviewed: 2026-01-15\nformat: [group]"))
    assert validate(good).exit_code == 0


def test_readability_is_a_warning_and_strict_makes_it_fail(good: Path):
    hard = (
        "Multidimensional interventional methodologies systematically operationalise comprehensive "
        "psychoeducational considerations regarding intergenerational developmental trajectories."
    )
    path = write(good, "en", "example", FACTS.replace(FACTS.split("parent_summary: ")[1].split("\n")[0], hard))
    result = validate(good)
    assert result.exit_code == 0
    [reported] = lines_for(result, path)
    assert reported.startswith(f"{path}:5: parent_summary: warning: hard to read (flesch_kincaid_grade")
    assert validate(good, "--strict").exit_code == 1


def test_duplicate_keys_and_bad_ids(good: Path):
    path = write(good, "sv", "Bad_Name", SV.replace("reviewed:", "title: Again\nreviewed:"))
    result = validate(good)
    reported = "\n".join(lines_for(result, path))
    assert f"{path}:1: file name: 'Bad_Name' is not a valid id" in reported
    assert f"{path}:5: title: given twice" in reported


def test_github_format_annotates_the_line(good: Path):
    path = write(good, "en", "example", FACTS.replace("from: 3", "from: 9"))
    result = validate(good, "--format", "github")
    assert (
        f"::error file={path},line=18,title=age.from::age.from: from (9) is above to (6) (swap the two ages)"
        in result.output
    )


def test_paths_limit_the_report(good: Path):
    write(good, "en", "other", FACTS.replace("from: 3", "from: 9"))
    result = validate(good, str(good / "en" / "example.md"))
    assert result.exit_code == 0


def test_new_scaffolds_three_languages_that_the_validator_guides_through(content_dir: Path):
    result = CliRunner().invoke(cli, ["new", "my-method", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    for lang in ("sv", "fi", "en"):
        assert (content_dir / lang / "my-method.md").exists()
    check = validate(content_dir)
    assert check.exit_code == 1
    assert "still has the template's placeholder" in check.output
    assert "kind: required" in check.output and "sources: required" in check.output  # nothing invented for them
    assert "Traceback" not in check.output
    english = (content_dir / "en" / "my-method.md").read_text(encoding="utf-8")
    assert "title: WRITE ME" in english and "example.org" not in english and "10.1000" not in english
    again = CliRunner().invoke(cli, ["new", "my-method", "--content", str(content_dir)])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = CliRunner().invoke(cli, ["new", "älska-lyssna-lära", "--content", str(content_dir)])
    assert bad.exit_code != 0 and "not a valid id" in bad.output and "`catalogue new alska-lyssna-lara`" in bad.output
    titled = CliRunner().invoke(cli, ["new", "Æble & Øre, Café", "--content", str(content_dir)])
    assert "`catalogue new aeble-ore-cafe`" in titled.output


def test_a_scaffold_or_example_value_left_in_a_file_never_passes_strict(good: Path):
    path = write(
        good,
        "en",
        "example",
        FACTS.replace(
            "sources:\n  - url: https://itla.fi/menetelmapankki/example",
            "sources:\n  - url: https://example.org/source",
        ),
    )
    assert validate(good).exit_code == 0  # a warning while drafting: the preview shows it
    strict = validate(good, "--strict")
    assert strict.exit_code == 1 and f"{path}:" in strict.output and "template's placeholder" in strict.output


def test_translation_status_lists_missing_and_outdated(good: Path):
    write(good, "fi", "example", SV.replace("Exempelprogrammet", "Esimerkki").replace("2026-01-15", "2026-02-01"))
    result = CliRunner().invoke(cli, ["translations", "--content", str(good)])
    assert "example: missing sv" not in result.output
    assert "example: older than the newest file: sv, en" in result.output
    assert "other: missing sv, fi" in result.output


def test_broken_file_does_not_stop_the_other_methods(good: Path):
    write(good, "en", "broken", "---\ntitle: [\n---\n")
    catalogue = load_catalogue(good)
    assert set(catalogue.methods) == {"example", "other"}
    assert catalogue.errors


def test_rating_notes_are_read_in_the_readers_language(good: Path):
    notes = FACTS.replace(
        '      date: "2025-03-24"\n',
        '      date: "2025-03-24"\n      note:\n        en: Parent groups only\n        sv: Endast föräldragrupperna\n',
    )
    write(good, "en", "example", notes)
    write(good, "en", "other", FACTS.replace('date: "2025-03-24"', 'date: "2025-03-24"\n      note: Toddler version'))
    methods = load_catalogue(good).methods
    [rated] = methods["example"].ratings
    assert rated.note_in("sv") == ("Endast föräldragrupperna", "sv")
    assert rated.note_in("fi") == ("Parent groups only", "en")  # no Finnish note: the English one, marked so
    assert methods["other"].ratings[0].note_in("sv") == ("Toddler version", "en")
    bad = notes.replace("        en: Parent groups only\n", "")
    path = write(good, "en", "example", bad)
    assert (
        f"{path}:16: evidence.ratings[0].note: must be English text, or the text per language" in validate(good).output
    )


def test_a_rating_date_is_the_registrys_and_fits_its_scale(good: Path):
    old_scale = FACTS.replace('rating: "4/5"', 'rating: "3/3"').replace('date: "2025-03-24"', 'date: "2026"')
    path = write(good, "en", "example", old_scale)
    output = validate(good).output
    assert f"{path}:15: evidence.ratings[0].date: a Kasvun tuki rating on the 0–3 scale cannot be dated 2026" in output
    year_read = FACTS.replace('checked: "2026-01-15"', 'checked: "2025-06-01"').replace(
        'date: "2025-03-24"', 'date: "2025"'
    )
    write(good, "en", "example", year_read)
    result = validate(good, "--strict")
    assert f"{path}:15: evidence.ratings[0].date: warning: only the year 2025, the year the page was read" in (
        result.output
    )
    assert result.exit_code == 1
    undated = FACTS.replace('      date: "2025-03-24"\n', "")
    write(good, "en", "example", undated)
    assert validate(good, "--strict").exit_code == 0
    assert load_catalogue(good).methods["example"].ratings[0].date == ""


def test_ratings_follow_the_written_order_nordic_first_then_newest(good: Path):
    us_first = FACTS.replace(
        "  ratings:\n",
        '  ratings:\n    - registry: cebc\n      rating: "1"\n      url: https://www.cebc4cw.org/program/example/\n'
        '      checked: "2026-01-15"\n      date: "2024-01"\n',
    ).replace("level: effective", "level: effective", 1)
    path = write(good, "en", "example", us_first)
    output = validate(good).output
    assert (
        f"{path}:16: evidence.ratings[1].registry: this kasvun-tuki rating must come before the cebc rating" in output
    )
    two_us = FACTS.replace(
        "  ratings:\n",
        '  ratings:\n    - registry: kasvun-tuki\n      rating: "4/5"\n      url: https://itla.fi/a\n'
        '      checked: "2026-01-15"\n',
    ).replace(
        '    - registry: kasvun-tuki\n      rating: "4/5"\n      url: https://itla.fi/menetelmapankki/example',
        "    - registry: blueprints\n      rating: Model\n      url: https://blueprints.example.net/a",
        1,
    )
    write(good, "en", "example", two_us)
    assert "must come before" not in validate(good).output


def test_every_method_says_what_kind_of_thing_it_is(good: Path):
    path = write(good, "en", "example", FACTS.replace("kind: programme\n", "kind: course\n"))
    assert f"{path}:7: kind: 'course' is not a known term (use one of: programme, practice, service)" in (
        validate(good).output
    )


def test_a_typo_in_config_or_taxonomy_is_a_line_with_its_fix_not_a_crash(good: Path):
    config = good / "config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("measure: lix,", "measure: lixx,", 1)
        .replace("readability:", "readablity:"),
        encoding="utf-8",
    )
    result = validate(good)
    assert result.exit_code != 0 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith(str(config))]
    assert any(
        ":3: readablity: unknown field (check the spelling; allowed here: file, parent_summary" in line
        for line in lines
    ), result.output
    config.write_text("readability:\n  sv: {measure: lixx, max: 40}\n", encoding="utf-8")
    assert f"{config}:2: readability.sv.measure: 'lixx' is not allowed (use one of: lix, flesch_kincaid_grade)" in (
        validate(good).output
    )
    taxonomy = good / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("  effective:\n    label:", "  effective:\n    lable:", 1), encoding="utf-8")
    output = validate(good).output
    assert "levels.effective.lable: unknown field (check the spelling; allowed here: description, label)" in output


def test_a_reviewer_reads_what_a_change_does_to_the_facts(good: Path, runner):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=good.parent, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.net", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.net", "commit", "-qm", "before")
    changed = FACTS.replace("from: 3", "from: 2").replace("sectors: [child_health]", "sectors: [child_health, school]")
    changed = changed.replace('rating: "4/5"', 'rating: "5/5"')
    write(good, "en", "example", changed)
    write(good, "en", "fresh", FACTS.replace("Example Programme", "Fresh Start"))
    result = runner.invoke(cli, ["diff", "HEAD", "--content", str(good)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Fresh Start (fresh): new method, Effective, ages 3–6" in lines
    [example] = [line for line in lines if line.startswith("Example Programme (example):")]
    assert "rating added: Kasvun tuki – Early Interventions (Finland) 5/5 (2025-03-24)" in example
    assert "rating removed: Kasvun tuki – Early Interventions (Finland) 4/5 (2025-03-24)" in example
    assert "ages 3–6 → 2–6" in example and "sectors added: School" in example
    markdown = runner.invoke(cli, ["diff", "HEAD", "--markdown", "--content", str(good)]).output
    assert markdown.startswith("## What this change does to the facts") and "- Fresh Start (fresh)" in markdown
    assert "cannot read nosuchrevision" in runner.invoke(cli, ["diff", "nosuchrevision", "--content", str(good)]).output
