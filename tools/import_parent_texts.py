"""A translator's file of parent summaries → `content/parents/<lang>.yaml`, unchanged in meaning.

    .venv/bin/python tools/import_parent_texts.py DRAFT.yaml [--content content]

The draft has `language:` and `methods: {<id>: {summary: ...}}` (docs: CONTRIBUTING.md, "Parents' texts in more
languages"). Every text comes in as `reviewed_by_native: false`, except a text that is word for word the one
already in the content file, which keeps its recorded native review. Texts in the content file that the draft
lacks are kept. The file is written so that reading it back gives exactly the draft's texts (checked here).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue.content import PARENT_LANGUAGES  # noqa: E402
from catalogue.content.parents import FOLDER  # noqa: E402

WIDTH = 110


def summary_of(entry) -> str:
    return " ".join(str(entry.get("summary") or "").split()) if isinstance(entry, dict) else ""


def merged(draft: dict, current: dict) -> dict[str, dict]:
    """method id → entry: the draft's texts, each with the review the current file records for the same words."""
    entries = dict(current.get("methods") or {})
    for method_id, entry in (draft.get("methods") or {}).items():
        summary = summary_of(entry)
        old = entries.get(method_id) or {}
        same = summary_of(old) == summary and old.get("reviewed_by_native") is True
        entries[method_id] = {"summary": summary, "reviewed_by_native": same}
        if same:
            entries[method_id]["native_review"] = old["native_review"]
    return dict(sorted(entries.items()))


def dump(lang: str, entries: dict[str, dict]) -> str:
    lines = [f"language: {lang}", "methods:"]
    for method_id, entry in entries.items():
        lines += [f"  {method_id}:", "    summary: >-"]
        lines += textwrap.wrap(
            entry["summary"],
            WIDTH,
            initial_indent=" " * 6,
            subsequent_indent=" " * 6,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.append(f"    reviewed_by_native: {'true' if entry['reviewed_by_native'] else 'false'}")
        if entry.get("native_review"):
            review = entry["native_review"]
            lines.append(f'    native_review: {{by: {json_text(review["by"])}, date: "{review["date"]}"}}')
    return "\n".join(lines) + "\n"


def json_text(value: str) -> str:
    """A YAML flow scalar that reads back as `value` (JSON strings are YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    draft = yaml.safe_load(args.draft.read_text(encoding="utf-8"))
    lang = draft.get("language")
    if lang not in PARENT_LANGUAGES:
        sys.exit(f"{args.draft}: language: '{lang}' is not one of {', '.join(PARENT_LANGUAGES)}")
    target = args.content / FOLDER / f"{lang}.yaml"
    current = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
    entries = merged(draft, current or {})
    text = dump(lang, entries)
    back = yaml.safe_load(text)["methods"]
    for method_id, entry in (draft.get("methods") or {}).items():
        if back[method_id]["summary"] != summary_of(entry):
            sys.exit(f"{method_id}: the text would not read back unchanged; nothing written")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    kept = sum(1 for entry in entries.values() if entry["reviewed_by_native"])
    print(f"{target}: {len(entries)} texts ({kept} with a native review kept)")


if __name__ == "__main__":
    main()
