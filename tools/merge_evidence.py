"""Merge evidence drafts (issue 17) into the content, keeping every hand-written line of the files as it is.

    .venv/bin/python tools/merge_evidence.py /work/drafts/evidence            # every draft in the folder
    .venv/bin/python tools/merge_evidence.py /work/drafts/evidence/pcit.yaml  # one method
    .venv/bin/python tools/merge_evidence.py --dry-run /work/drafts/evidence  # report only

A method draft (`<method-id>.yaml`: `ratings` by url, `outcomes`, `follow_up`) becomes `pico:` under each
matching rating of `content/en/<id>.md` and `outcomes:` / `follow_up:` after its `evidence:` block; an
instrument draft (`instruments/<id>.yaml`) becomes an entry of `content/instruments.yaml`, its comments
(where its facts were read) kept. A block the content already has is replaced, so a draft can be merged again
after it changes. Only the new lines are written: the rest of each file stays byte for byte.

Every part is checked by the validator itself (`catalogue validate`, on the method alone) before it is kept:
a part that would add a problem (no source, a missing language, an unknown outcome or instrument, ...) is held
back and reported with the validator's own message, and the rest of the draft is merged.
The tool never writes a fact that is not in a draft.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue.content import LANGUAGES  # noqa: E402
from catalogue.content.documents import parse_yaml  # noqa: E402
from catalogue.content.instruments import FILE as INSTRUMENTS_FILE  # noqa: E402
from catalogue.content.loading import load_catalogue  # noqa: E402

INSTRUMENT_KEYS = ("name", "measures", "administered_by", "licence", "languages", "source")
"""An instrument draft's facts; its `id` is the entry's key, and anything else (a reviewer's notes) stays out."""
PICO_KEYS = ("population", "comparison", "outcomes", "effect", "studies", "applicability", "source")
"""A rating's `pico`, in the order the editors' guide lists it (the draft's `url` only finds the rating)."""
INSTRUMENTS_HEADER = """\
# Follow-up instruments: what each measures, who may administer it, its licence and languages, each fact
# from the page in `source` (comments say where other facts were read). A method names one in `follow_up`.
# Field by field: CONTRIBUTING.md, "Follow-up instruments".
"""


class Dumper(yaml.SafeDumper):
    """Block mappings, indented lists, lists of words in brackets, long texts folded: as editors write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


Dumper.add_representer(
    list,
    lambda dumper, data: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", data, flow_style=all(isinstance(item, (str, int)) for item in data)
    ),
)
Dumper.add_representer(
    str,
    lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">" if len(data) > 80 else None),
)


def dump_block(value: dict[str, Any], indent: int) -> list[str]:
    text = yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    return [" " * indent + line if line else line for line in text.splitlines()]


# -- a method file as lines ---------------------------------------------------------------------------------


@dataclass
class MethodFile:
    """A method file's front matter as lines, with the line of every key (0-based), and the rest of the file."""

    lines: list[str]
    rest: str

    @classmethod
    def read(cls, path: Path) -> MethodFile:
        text = path.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n---\n")
        if not head.startswith("---\n") or not sep:
            raise ValueError(f"{path}: no front matter between `---` lines")
        return cls(head[4:].split("\n"), rest)

    def text(self) -> str:
        return "---\n" + "\n".join(self.lines) + "\n---\n" + self.rest

    def parsed(self) -> tuple[dict[str, Any], dict[tuple, int]]:
        data, lines, problems = parse_yaml("\n".join(self.lines), "front matter", 0)
        if data is None or problems:
            raise ValueError(f"front matter not readable: {problems}")
        return data, lines

    def block_end(self, start: int, indent: int) -> int:
        """The line after the block that starts at `start`: the next line indented `indent` or less (blank lines
        and comments between are left outside the block)."""
        end = start + 1
        last = start
        while end < len(self.lines):
            line = self.lines[end]
            stripped = line.strip()
            if stripped and len(line) - len(line.lstrip()) <= indent and not stripped.startswith("#"):
                break
            if stripped and not stripped.startswith("#"):
                last = end
            end += 1
        return last + 1

    def remove(self, key_path: tuple) -> None:
        """Delete a key and its value, when the front matter has it."""
        _, lines = self.parsed()
        if key_path not in lines:
            return
        start = lines[key_path]
        indent = len(self.lines[start]) - len(self.lines[start].lstrip(" -"))
        del self.lines[start : self.block_end(start, indent)]

    def set_rating_pico(self, index: int, pico: dict[str, Any]) -> None:
        self.remove(("evidence", "ratings", index, "pico"))
        _, lines = self.parsed()
        start = lines[("evidence", "ratings", index)]
        dash = len(self.lines[start]) - len(self.lines[start].lstrip(" "))
        end = self.block_end(start, dash)
        self.lines[end:end] = dump_block({"pico": pico}, dash + 2)

    def set_top_level(self, key: str, value: Any) -> None:
        """`outcomes:` or `follow_up:`, after the `evidence:` block (after `outcomes:` for `follow_up:`)."""
        self.remove((key,))
        _, lines = self.parsed()
        after = "outcomes" if key == "follow_up" and ("outcomes",) in lines else "evidence"
        end = self.block_end(lines[(after,)], 0)
        self.lines[end:end] = dump_block({key: value}, 0)


# -- review and merge ---------------------------------------------------------------------------------------


@dataclass
class Report:
    merged: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)

    def print(self, name: str) -> None:
        print(f"{name}: merged {', '.join(self.merged) or 'nothing'}")
        for line in self.held:
            print(f"  held: {line}")


def method_problems(content: Path, method_id: str) -> set[tuple[str, str]]:
    """What the validator says about one method, checked alone (its files, the taxonomy, the instruments), as
    (field, message) pairs: the same problems whatever line they move to. Links to other methods are left out."""
    with tempfile.TemporaryDirectory() as tmp:
        alone = Path(tmp) / "content"
        for name in ("taxonomy.yaml", "config.yaml", INSTRUMENTS_FILE):
            if (content / name).exists():
                alone.mkdir(exist_ok=True)
                shutil.copy(content / name, alone / name)
        for lang in LANGUAGES:
            (alone / lang).mkdir(parents=True)
            source = content / lang / f"{method_id}.md"
            if source.exists():
                shutil.copy(source, alone / lang / source.name)
        catalogue = load_catalogue(alone)
    return {
        (p.field, f"{p.severity}: {p.message} ({p.fix})")
        for p in catalogue.problems
        if Path(p.path).stem == method_id and "link to unknown method" not in p.message
    }


def without_evidence_parts(data: dict[str, Any]) -> dict[str, Any]:
    """The front matter as it was before any draft: without `pico`, `outcomes` and `follow_up`."""
    data = copy.deepcopy(data)
    data.pop("outcomes", None)
    data.pop("follow_up", None)
    for rating in (data.get("evidence") or {}).get("ratings") or []:
        rating.pop("pico", None)
    return data


def value_at(data: Any, key_path: tuple) -> Any:
    for key in key_path:
        data = data[key]
    return data


def try_part(content: Path, method_id: str, key_path: tuple, value: Any, report: Report, dry_run: bool) -> bool:
    """Write one part of a draft (`pico` of a rating, `outcomes` or `follow_up`); keep it only when it reads back
    as the draft says, nothing else changed, and the validator has nothing new to say about the method."""
    if key_path[-1] == "pico":
        name = f"pico of rating {key_path[2] + 1}"
    elif key_path == ("follow_up",):
        name = f"follow-up {value[-1].get('instrument')}"
    else:
        name = key_path[0]
    path = content / "en" / f"{method_id}.md"
    before_text = path.read_text(encoding="utf-8")
    before = method_problems(content, method_id)
    document = MethodFile.read(path)
    old_data, _ = document.parsed()
    if key_path[-1] == "pico":
        document.set_rating_pico(key_path[2], value)
    else:
        document.set_top_level(key_path[0], value)
    new_data, _ = document.parsed()
    if value_at(new_data, key_path) != value or without_evidence_parts(new_data) != without_evidence_parts(old_data):
        report.held.append(f"{name}: does not read back as written; nothing written")
        return False
    path.write_text(document.text(), encoding="utf-8")
    new = method_problems(content, method_id) - before
    new = {problem for problem in new if "the first rating has no `pico`" not in problem[1]}
    if new or dry_run:
        path.write_text(before_text, encoding="utf-8")
    if new:
        report.held.append(f"{name}: " + "; ".join(f"{where}: {message}" for where, message in sorted(new)))
        return False
    report.merged.append(name)
    return True


def merge_method(content: Path, draft_path: Path, dry_run: bool) -> Report:
    report = Report()
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8")) or {}
    method_id = draft.get("method") or draft_path.stem
    path = content / "en" / f"{method_id}.md"
    if not path.exists():
        report.held.append(f"no method file {path}")
        return report
    ratings = MethodFile.read(path).parsed()[0].get("evidence", {}).get("ratings") or []
    urls = [rating.get("url") for rating in ratings]
    for entry in draft.get("ratings") or []:
        url = entry.get("url")
        if url not in urls:
            report.held.append(f"rating {url}: not a rating url of {path.name}")
            continue
        pico = {key: entry[key] for key in PICO_KEYS if key in entry}
        try_part(content, method_id, ("evidence", "ratings", urls.index(url), "pico"), pico, report, dry_run)
    if draft.get("outcomes"):
        outcomes = {key: draft["outcomes"][key] for key in ("targeted", "shown", "source") if key in draft["outcomes"]}
        try_part(content, method_id, ("outcomes",), outcomes, report, dry_run)
    accepted: list[dict[str, Any]] = []
    for item in draft.get("follow_up") or []:
        candidate = [*accepted, {key: item[key] for key in ("instrument", "source") if key in item}]
        if try_part(content, method_id, ("follow_up",), candidate, report, dry_run):
            accepted = candidate
    return report


def merge_instrument(content: Path, draft_path: Path, dry_run: bool) -> Report:
    """The draft's text as an entry of content/instruments.yaml (its comments kept), replacing one of the same id."""
    report = Report()
    text = draft_path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    instrument = str(data.get("id") or draft_path.stem)
    facts = {key: value for key, value in data.items() if key in INSTRUMENT_KEYS}
    body, keep = [], True
    for line in text.rstrip("\n").split("\n"):
        if line[:1].isalpha():  # a top-level key: its block is kept when it is one of the facts
            keep = line.split(":")[0] in INSTRUMENT_KEYS
        if keep:
            body.append(line)
    entry = [f"{instrument}:", *[("  " + line) if line.strip() else "" for line in body]]
    target = content / INSTRUMENTS_FILE
    before = target.read_text(encoding="utf-8") if target.exists() else INSTRUMENTS_HEADER
    lines = before.rstrip("\n").split("\n")
    if f"{instrument}:" in lines:
        start = lines.index(f"{instrument}:")
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "#"))):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[start:end] = entry
    else:
        lines += ["", *entry]
    after = "\n".join(lines) + "\n"
    if yaml.safe_load(after).get(instrument) != facts:
        report.held.append("the entry does not read back as the draft; nothing written")
        return report
    target.write_text(after, encoding="utf-8")
    catalogue = load_catalogue(content)
    problems = [str(p) for p in catalogue.problems if Path(p.path).name == INSTRUMENTS_FILE]
    if problems or dry_run:
        target.write_text(before, encoding="utf-8")
    if problems:
        report.held.append("; ".join(problems))
    else:
        report.merged.append("entry")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drafts", nargs="+", type=Path, help="draft files, or a folder of them")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    args = parser.parse_args(argv)
    methods: list[Path] = []
    instruments: list[Path] = []
    for given in args.drafts:
        if given.is_dir():
            methods += sorted(given.glob("*.yaml"))
            instruments += sorted((given / "instruments").glob("*.yaml"))
        elif given.parent.name == "instruments":
            instruments.append(given)
        else:
            methods.append(given)
    held = 0
    for draft in instruments:  # first: the methods' follow-up names them
        report = merge_instrument(args.content, draft, args.dry_run)
        report.print(f"instrument {draft.stem}")
        held += len(report.held)
    for draft in methods:
        report = merge_method(args.content, draft, args.dry_run)
        report.print(draft.stem)
        held += len(report.held)
    print(f"{len(instruments)} instrument drafts, {len(methods)} method drafts; {held} parts held back")
    return 0


if __name__ == "__main__":
    sys.exit(main())
