"""The follow-up instruments (`content/instruments.yaml`): questionnaires and observation methods a family centre
can use to see whether a method works for its families, each with what a source says about it.

    ecbi:
      name: Eyberg Child Behavior Inventory (ECBI)
      measures: {en: "…", sv: "…", fi: "…"}
      administered_by: {en: "…", sv: "…", fi: "…"}
      licence: licensed
      languages: [en, "no"]
      source: https://…

Checked like method files (`path:line: field: problem (fix)`). A broken entry is left out and reported; the
methods that name it keep their other facts. A method names an instrument in `follow_up` by its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue.content.model import Note, Texts, text_in, texts_of
from catalogue.content.problems import Problem
from catalogue.content.schema import URL, texts_schema
from catalogue.content.taxonomy import Taxonomy, read_checked

FILE = "instruments.yaml"
LICENCES = ("free", "licensed")
ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    measures: Texts
    source: str
    administered_by: Texts = ()
    licence: str = ""
    """free or licensed; empty when no source says."""
    languages: tuple[str, ...] = ()
    """Languages it exists in, as a source names them."""

    def text(self, part: str, lang: str) -> Note:
        return text_in(getattr(self, part), lang)


def instruments_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "measures", "source"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "measures": texts_schema("Measures", "What it measures, in one sentence."),
            "administered_by": texts_schema("Administered by", "Who may administer and score it."),
            "licence": {"enum": list(LICENCES)},
            "languages": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"enum": list(taxonomy["languages"])},
            },
            "source": {"type": "string", "pattern": URL},
        },
    }
    return {"type": "object", "propertyNames": {"pattern": ID}, "additionalProperties": entry}


def load_instruments(content_dir: Path, taxonomy: Taxonomy) -> tuple[dict[str, Instrument], set[str], list[Problem]]:
    """The valid instruments, every id the file lists (a method may name one whose entry is broken: the entry's
    own problem says what to fix), and the problems."""
    path = Path(content_dir) / FILE
    if not path.exists():
        return {}, set(), []
    data, problems = read_checked(path, instruments_schema(taxonomy))
    broken = {problem.field.split(".")[0].split("[")[0] for problem in problems}
    instruments = {
        str(key): Instrument(
            id=str(key),
            name=entry["name"].strip(),
            measures=texts_of(entry["measures"]),
            source=entry["source"],
            administered_by=texts_of(entry.get("administered_by")),
            licence=entry.get("licence", ""),
            languages=tuple(entry.get("languages", ())),
        )
        for key, entry in data.items()
        if str(key) not in broken and isinstance(entry, dict)
    }
    return instruments, {str(key) for key in data}, problems
