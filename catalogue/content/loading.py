"""From content files to a validated catalogue: every check, every problem, and the methods
that passed them. `catalogue validate` prints the problems; the site and the index use the methods.

A file with errors is left out (its method is still shown in the other languages, when they are
valid); a method whose facts are broken is left out whole. Nothing here raises for bad content.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from catalogue.content import FACTS_LANGUAGE, LANGUAGES
from catalogue.content.concepts import Concepts, load_concepts
from catalogue.content.documents import Document, field_name, read_document
from catalogue.content.history import Change
from catalogue.content.instruments import FILE as INSTRUMENTS_FILE
from catalogue.content.instruments import Instrument, load_instruments
from catalogue.content.model import FALLBACK, Contact, Method, Text, build_method
from catalogue.content.parents import ParentTexts, load_parent_texts
from catalogue.content.problems import ERROR, WARNING, Problem
from catalogue.content.readability import MEASURES, sentence_count
from catalogue.content.schema import FACT_FIELDS, REQUIRED_FACTS, TEXT_FIELDS, method_schema
from catalogue.content.taxonomy import Taxonomy, load_config, load_taxonomy

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDERS = ("WRITE ME", "example.org", "example.com", "10.1000/example", "Author A, Author B")
"""What a scaffold or an example leaves behind: a warning (an error with --strict, as in the pull-request check)."""
LANGUAGE_NAMES = {"en": "English", "sv": "Swedish", "fi": "Finnish"}
INTERNAL_LINK = re.compile(r"\]\(\s*(?:\./)?([^)\s/#]+)\.md(?:#[^)\s]*)?\s*\)")


@dataclass
class Catalogue:
    content_dir: Path
    taxonomy: Taxonomy
    config: dict[str, Any]
    methods: dict[str, Method] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    """The parsed files (for the validator); a snapshot leaves them out."""
    files: int = 0
    """How many method files were read."""
    concepts: Concepts = field(default_factory=Concepts)
    """Everyday words for topics and ages, for the search."""
    history: dict[str, Change] = field(default_factory=dict)
    """method id → when its facts last changed (`catalogue build` in a git checkout; empty otherwise)."""
    instruments: dict[str, Instrument] = field(default_factory=dict)
    """Follow-up instruments (`content/instruments.yaml`) by id."""

    def methods_using(self, instrument: str) -> list[tuple[Method, str]]:
        """The methods followed up with an instrument, by id, each with the page that says so."""
        return [
            (method, item.source)
            for _, method in sorted(self.methods.items())
            for item in method.follow_up
            if item.instrument == instrument
        ]

    parent_texts: ParentTexts = field(default_factory=dict)
    """Parent summaries in the parents' languages (`content/parents/<lang>.yaml`): language → method id → text."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def content_files(content_dir: Path) -> list[Path]:
    return sorted(path for lang in LANGUAGES for path in (content_dir / lang).glob("*.md"))


def load_catalogue(content_dir: Path, today: dt.date | None = None) -> Catalogue:
    """Read and check every method file under `content_dir`.

    Raises TaxonomyError only when the taxonomy itself is unreadable.
    """
    content_dir = Path(content_dir)
    taxonomy = load_taxonomy(content_dir)
    config = load_config(content_dir)
    catalogue = Catalogue(content_dir, taxonomy, config)
    catalogue.instruments, instrument_ids, instrument_problems = load_instruments(content_dir, taxonomy)
    checker = _Checker(taxonomy, config, today or dt.date.today(), instrument_ids)
    max_bytes = config.get("file", {}).get("max_bytes", 200_000)
    docs = [read_document(path, max_bytes) for path in content_files(content_dir)]
    catalogue.documents = docs
    catalogue.files = len(docs)
    by_id: dict[str, dict[str, Document]] = {}
    for doc in docs:
        by_id.setdefault(doc.method_id, {})[doc.lang] = doc
    for doc in docs:
        checker.check_file(doc, set(by_id))
    for method_id, group in sorted(by_id.items()):
        method = checker.build(method_id, group)
        if method:
            # an instrument whose entry is broken is reported there; the method keeps its other facts
            method.follow_up = tuple(item for item in method.follow_up if item.instrument in catalogue.instruments)
            catalogue.methods[method_id] = method
    checker.check_titles(catalogue.methods)
    catalogue.concepts, concept_problems = load_concepts(content_dir, taxonomy)
    catalogue.parent_texts, parent_problems = load_parent_texts(content_dir, set(by_id), checker.today)
    catalogue.problems = sorted(
        {p for doc in docs for p in doc.problems}
        | set(checker.problems)
        | set(concept_problems)
        | set(instrument_problems)
        | set(parent_problems)
    )
    return catalogue


class _Checker:
    def __init__(self, taxonomy: Taxonomy, config: dict[str, Any], today: dt.date, instruments: set[str]) -> None:
        self.taxonomy = taxonomy
        self.instruments = instruments
        self.config = config
        self.today = today
        self.schema = method_schema(taxonomy)
        self.validator = jsonschema.Draft202012Validator(self.schema)
        self.problems: list[Problem] = []

    # -- one file -------------------------------------------------------------------------

    def check_file(self, doc: Document, known_ids: set[str]) -> None:
        if doc.lang not in LANGUAGES:
            return
        if not ID_PATTERN.match(doc.method_id):
            doc.problems.append(
                Problem(
                    str(doc.path),
                    1,
                    "file name",
                    f"'{doc.method_id}' is not a valid id",
                    "use lowercase a–z, digits and hyphens, e.g. my-method.md",
                )
            )
        if doc.data is None:
            return
        for error in self.validator.iter_errors(doc.data):
            doc.problems.append(self._schema_problem(doc, error))
        self._check_placeholders(doc, doc.data, ())
        if "WRITE ME" in doc.body:
            line = doc.body_line + doc.body[: doc.body.index("WRITE ME")].count("\n")
            doc.problems.append(
                Problem(
                    str(doc.path),
                    line,
                    "body",
                    "still has the template's placeholder",
                    "write the text under each heading",
                    WARNING,
                )
            )
        self._check_dates(doc)
        self._check_age(doc)
        self._check_evidence(doc)
        self._check_pico(doc)
        self._check_follow_up(doc)
        self._check_parent_summary(doc)
        self._check_links(doc, known_ids)

    def _schema_problem(self, doc: Document, error: jsonschema.ValidationError) -> Problem:
        path = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        if error.validator == "required":
            missing = next((key for key in error.validator_value if key not in error.instance), "")
            where = (*path, missing)
            if path == () and missing in REQUIRED_FACTS:
                return doc.problem(path, "required", f"add `{missing}:`")
            if missing in LANGUAGES and set(error.validator_value) == set(LANGUAGES):
                name = LANGUAGE_NAMES[missing]
                return Problem(
                    str(doc.path),
                    doc.line_of(path),
                    field_name(where),
                    f"the {name} text is missing",
                    f"add `{missing}:` with the text in {name}; every text here is written in en, sv and fi",
                )
            return Problem(str(doc.path), doc.line_of(path), field_name(where), "required", f"add `{missing}:`")
        if error.validator == "additionalProperties":
            allowed = set(schema.get("properties", {}))
            extra = next((key for key in error.instance if key not in allowed), "")
            return doc.problem(
                (*path, extra), "unknown field", f"check the spelling; allowed here: {', '.join(sorted(allowed))}"
            )
        if error.validator == "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            return doc.problem(path, f"'{error.instance}' is not a known term", f"use one of: {options}")
        if error.validator == "pattern":
            if "http" in error.validator_value:
                return doc.problem(
                    path, f"'{error.instance}' is not a web address", "write the full address, starting with https://"
                )
            if "@" in error.validator_value:
                return doc.problem(path, f"'{error.instance}' is not an e-mail address", "write it as name@example.org")
            if "\\d{4}" in error.validator_value:
                return doc.problem(
                    path,
                    f"'{error.instance}' is not a date",
                    'write it as YYYY-MM-DD, quoted for ratings, e.g. "2025-03-24"',
                )
            return doc.problem(path, f"'{error.instance}' has the wrong form", "see CONTRIBUTING.md for an example")
        if error.validator == "type":
            wanted = {
                "string": "text",
                "array": "a list, like [a, b]",
                "object": "a group of fields",
                "integer": "a whole number",
                "boolean": "true or false",
            }
            kind = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
            return doc.problem(path, f"must be {wanted.get(kind, kind)}", "see CONTRIBUTING.md for an example")
        if error.validator in ("oneOf", "anyOf") and path and path[-1] in ("sessions", "session_minutes", "weeks"):
            return doc.problem(path, "must be a number or [lowest, highest]", "e.g. 12 or [18, 20]")
        if error.validator == "oneOf" and path and path[-1] == "note":
            return doc.problem(
                path,
                "must be English text, or the text per language",
                "write `note: text`, or `en:` (required), `sv:`, `fi:` under it",
            )
        if error.validator == "anyOf":
            return doc.problem(path, "needs a `doi` or a `url`", "add where the study can be found")
        if error.validator == "dependentRequired":
            return doc.problem(path, "an amount needs its `currency` and `year`", "add both, as the source states them")
        if error.validator in ("minItems", "minLength", "minProperties"):
            return doc.problem(path, "is empty", "fill it in or delete the line")
        if error.validator == "uniqueItems":
            return doc.problem(path, "lists a value twice", "delete the repeat")
        if error.validator in ("minimum", "maximum"):
            return doc.problem(
                path, f"{error.instance} is out of range", f"{error.validator} is {error.validator_value}"
            )
        return doc.problem(path, error.message, "see CONTRIBUTING.md")

    def _check_placeholders(self, doc: Document, value: Any, path: tuple) -> None:
        """`catalogue new` fills fields with WRITE ME and example.org: none may be published."""
        if isinstance(value, dict):
            for key, item in value.items():
                self._check_placeholders(doc, item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._check_placeholders(doc, item, (*path, index))
        elif isinstance(value, str) and any(marker in value for marker in PLACEHOLDERS):
            doc.problems.append(
                doc.problem(
                    path,
                    "still has the template's placeholder",
                    "write the real value, or delete the field if it is unknown",
                    WARNING,
                )
            )

    def _check_dates(self, doc: Document) -> None:
        reviewed = doc.data.get("reviewed")
        if isinstance(reviewed, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", reviewed):
            self._date_not_future(doc, ("reviewed",), reviewed)
        ratings = (
            (doc.data.get("evidence") or {}).get("ratings") if isinstance(doc.data.get("evidence"), dict) else None
        )
        for index, rating in enumerate(ratings if isinstance(ratings, list) else []):
            if not isinstance(rating, dict):
                continue
            for key in ("date", "checked"):
                value = rating.get(key)
                if isinstance(value, str) and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
                    self._date_not_future(doc, ("evidence", "ratings", index, key), value)
            self._check_rating_date(doc, index, rating)

    def _check_rating_date(self, doc: Document, index: int, rating: dict[str, Any]) -> None:
        """A rating's date is the registry's, never the day it was read, and fits the registry's scale."""
        date, checked = rating.get("date"), rating.get("checked")
        if not isinstance(date, str) or not re.match(r"^\d{4}", date):
            return
        path = ("evidence", "ratings", index, "date")
        old_scale = rating.get("registry") == "kasvun-tuki" and re.fullmatch(
            r"\s*\d\s*/\s*3\s*", str(rating.get("rating"))
        )
        if old_scale and int(date[:4]) >= 2022:
            doc.problems.append(
                doc.problem(
                    path,
                    f"a Kasvun tuki rating on the 0–3 scale cannot be dated {date}: that scale was used until 2021",
                    "write the date Itla gives for this rating, or the 1–5 rating if it has been re-rated",
                )
            )
        if isinstance(checked, str) and len(date) == 4 and checked.startswith(date):
            doc.problems.append(
                doc.problem(
                    path,
                    f"only the year {date}, the year the page was read: is this the registry's own date?",
                    "write the date the registry gives (published or updated), or delete `date` if it states none",
                    WARNING,
                )
            )

    def _date_not_future(self, doc: Document, path: tuple, value: str) -> None:
        parts = [int(part) for part in value.split("-")]
        try:
            date = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            doc.problems.append(doc.problem(path, f"'{value}' is not a real date", "check the month and day"))
            return
        if date > self.today:
            doc.problems.append(
                doc.problem(path, f"{value} is in the future", "write the date it was checked, today or earlier")
            )

    def _check_age(self, doc: Document) -> None:
        age = doc.data.get("age")
        ages = (age.get("from"), age.get("to")) if isinstance(age, dict) else ()
        if ages and all(isinstance(x, int) for x in ages) and ages[0] > ages[1]:
            doc.problems.append(
                doc.problem(("age", "from"), f"from ({ages[0]}) is above to ({ages[1]})", "swap the two ages")
            )

    def _check_evidence(self, doc: Document) -> None:
        evidence = doc.data.get("evidence")
        if not isinstance(evidence, dict) or evidence.get("level") not in self.taxonomy["levels"]:
            return
        level = evidence["level"]
        ratings = (
            [r for r in evidence.get("ratings") or [] if isinstance(r, dict)]
            if isinstance(evidence.get("ratings"), list)
            else []
        )
        if not ratings:
            if level != "not_rated":
                doc.problems.append(
                    doc.problem(
                        ("evidence", "level"),
                        f"'{level}' needs a published rating with its source",
                        "add the rating under `ratings:` with its url and date, or write `level: not_rated`",
                    )
                )
            return
        first = ratings[0]
        registry, rating = first.get("registry"), first.get("rating")
        if not isinstance(registry, str) or not isinstance(rating, str):
            return
        given = self.taxonomy.level_of(registry, rating)
        if given is None:
            known = ", ".join(self.taxonomy.rating_map.get(registry, {})) or "none: this registry cannot set the level"
            doc.problems.append(
                doc.problem(
                    ("evidence", "ratings", 0, "rating"),
                    f"'{rating}' from {registry} is not in rating_map",
                    f"known ratings: {known}; move a mapped rating first or add this one to content/taxonomy.yaml",
                )
            )
        elif given != level:
            doc.problems.append(
                doc.problem(
                    ("evidence", "level"),
                    f"the first rating ({registry} {rating}) gives '{given}', not '{level}'",
                    f"write `level: {given}` or change the order of the ratings",
                )
            )
        self._check_rating_order(doc, ratings)

    def _check_rating_order(self, doc: Document, ratings: list[dict[str, Any]]) -> None:
        """`rating_order` in the taxonomy: Nordic registries first, then the version described, then the newest.

        Several ratings by one registry (of different versions) keep the editor's order.
        """
        nordic = self.taxonomy.nordic_registries

        def rank(rating: dict[str, Any]) -> tuple:
            registry = rating.get("registry")
            date = rating.get("date") if isinstance(rating.get("date"), str) else ""
            newest_first = tuple(-int(part) for part in re.findall(r"\d+", date)) or (1,)
            return (
                nordic.index(registry) if registry in nordic else len(nordic),
                rating.get("scope", "described") != "described",
                newest_first,
            )

        ranks = [rank(r) for r in ratings]
        for index in range(1, len(ratings)):
            same_registry = ratings[index].get("registry") == ratings[index - 1].get("registry")
            if ranks[index][:2] < ranks[index - 1][:2] or (not same_registry and ranks[index] < ranks[index - 1]):
                doc.problems.append(
                    doc.problem(
                        ("evidence", "ratings", index, "registry"),
                        f"this {ratings[index].get('registry')} rating must come before the"
                        f" {ratings[index - 1].get('registry')} rating above it",
                        "order ratings as `rating_order` in content/taxonomy.yaml says: Nordic registries first, then"
                        " the version described, then the most recent; then set `level` from the first",
                    )
                )
                return

    def _ratings(self, doc: Document) -> list[Any]:
        evidence = doc.data.get("evidence")
        ratings = evidence.get("ratings") if isinstance(evidence, dict) else None
        return ratings if isinstance(ratings, list) else []

    def _check_pico(self, doc: Document) -> None:
        """A rated method summarises what its first rating's review found; study counts add up."""
        ratings = self._ratings(doc)
        if ratings and isinstance(ratings[0], dict) and "pico" not in ratings[0]:
            doc.problems.append(
                doc.problem(
                    ("evidence", "ratings", 0),
                    "the first rating has no `pico`: what the review found (who, against what, what changed)",
                    "add `pico:` with what the registry's page states, and its `source`; see CONTRIBUTING.md",
                    WARNING,
                )
            )
        for index, rating in enumerate(ratings):
            pico = rating.get("pico") if isinstance(rating, dict) else None
            studies = pico.get("studies") if isinstance(pico, dict) else None
            if not isinstance(studies, dict):
                continue
            count, nordic = studies.get("count"), studies.get("nordic")
            if isinstance(count, int) and isinstance(nordic, int) and nordic > count:
                doc.problems.append(
                    doc.problem(
                        ("evidence", "ratings", index, "pico", "studies", "nordic"),
                        f"{nordic} Nordic studies of {count} in all",
                        "`nordic` counts the Nordic studies among `count`; check both against the source",
                    )
                )

    def _check_follow_up(self, doc: Document) -> None:
        items = doc.data.get("follow_up")
        for index, item in enumerate(items if isinstance(items, list) else []):
            instrument = item.get("instrument") if isinstance(item, dict) else None
            if isinstance(instrument, str) and instrument not in self.instruments:
                known = ", ".join(sorted(self.instruments)) or "none yet"
                doc.problems.append(
                    doc.problem(
                        ("follow_up", index, "instrument"),
                        f"'{instrument}' is not an instrument in content/{INSTRUMENTS_FILE}",
                        f"use one of: {known}; or add the instrument there first, with its source",
                    )
                )

    def _check_parent_summary(self, doc: Document) -> None:
        text = doc.data.get("parent_summary")
        if not isinstance(text, str) or not text.strip():
            return
        rule = self.config.get("readability", {}).get(doc.lang)
        if rule:
            score = MEASURES[rule["measure"]](text)
            if score > rule["max"]:
                doc.problems.append(
                    doc.problem(
                        ("parent_summary",),
                        f"hard to read ({rule['measure']} {score:.1f}, at most {rule['max']})",
                        "use shorter sentences and shorter, everyday words",
                        WARNING,
                    )
                )
        limits = self.config.get("parent_summary", {})
        if limits.get("max_sentences") and sentence_count(text) > limits["max_sentences"]:
            doc.problems.append(
                doc.problem(
                    ("parent_summary",),
                    f"{sentence_count(text)} sentences, at most {limits['max_sentences']}",
                    "keep only what a parent needs first",
                    WARNING,
                )
            )
        if limits.get("max_chars") and len(text) > limits["max_chars"]:
            doc.problems.append(
                doc.problem(
                    ("parent_summary",), f"{len(text)} characters, at most {limits['max_chars']}", "shorten it", WARNING
                )
            )

    def _check_links(self, doc: Document, known_ids: set[str]) -> None:
        for match in INTERNAL_LINK.finditer(doc.body):
            target = match.group(1)
            if target not in known_ids:
                line = doc.body_line + doc.body[: match.start()].count("\n")
                doc.problems.append(
                    Problem(
                        str(doc.path),
                        line,
                        "body",
                        f"link to unknown method '{target}.md'",
                        "check the file name of the method you link to",
                    )
                )

    # -- one method across its languages -----------------------------------------------

    def build(self, method_id: str, group: dict[str, Document]) -> Method | None:
        readable = {lang: doc for lang, doc in group.items() if doc.data is not None}
        if not readable:
            return None
        order = [FACTS_LANGUAGE] + [lang for lang in LANGUAGES if lang != FACTS_LANGUAGE]
        ordered = [readable[lang] for lang in order if lang in readable]
        facts: dict[str, Any] = {}
        origin: dict[str, Document] = {}
        for doc in ordered:
            for key in FACT_FIELDS:
                if key not in doc.data:
                    continue
                if key not in facts:
                    facts[key], origin[key] = doc.data[key], doc
                elif _canonical(doc.data[key]) != _canonical(facts[key]):
                    doc.problems.append(
                        doc.problem(
                            (key,),
                            f"differs from {origin[key].lang}",
                            f"delete it here (it is inherited) or make it the same as in {origin[key].path}",
                        )
                    )
        first = ordered[0]
        missing = [key for key in REQUIRED_FACTS if key not in facts]
        for key in missing:
            self.problems.append(
                Problem(
                    str(first.path),
                    1,
                    key,
                    f"required (in content/{FACTS_LANGUAGE}/{method_id}.md)",
                    f"add `{key}:` to the {FACTS_LANGUAGE} file",
                )
            )
        if missing or any(_has_error(origin[key], key) for key in facts):
            return None
        valid = {lang: doc for lang, doc in readable.items() if not any(p.severity == ERROR for p in doc.problems)}
        if not valid:
            return None
        texts = {lang: self._text(lang, valid) for lang in valid}
        return build_method(method_id, facts, texts, self.taxonomy)

    def _text(self, lang: str, docs: dict[str, Document]) -> Text:
        own = docs[lang]
        data = own.data

        def inherited(key: str) -> Any:
            if key in data:
                return data[key]
            for other in FALLBACK[lang]:
                if other in docs and key in docs[other].data:
                    return docs[other].data[key]
            return None

        contact = inherited("contact")
        return Text(
            lang=lang,
            title=data["title"].strip(),
            summary=data["summary"].strip(),
            parent_summary=data["parent_summary"].strip(),
            reviewed=dt.date.fromisoformat(data["reviewed"]),
            body=own.body,
            aliases=tuple(inherited("aliases") or ()),
            training=(inherited("training") or "").strip(),
            contact=Contact(**contact) if contact else None,
            path=own.path,
        )

    def check_titles(self, methods: dict[str, Method]) -> None:
        for lang in LANGUAGES:
            seen: dict[str, str] = {}
            for method in methods.values():
                if lang not in method.texts:
                    continue
                key = method.texts[lang].title.casefold()
                if key in seen:
                    self.problems.append(
                        Problem(
                            str(method.texts[lang].path),
                            1,
                            "title",
                            f"same title as '{seen[key]}'",
                            "give each method a distinct title",
                            WARNING,
                        )
                    )
                seen[key] = method.id


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _has_error(doc: Document, key: str) -> bool:
    prefix = field_name((key,))
    return any(
        p.severity == ERROR
        and (p.field == prefix or p.field.startswith(prefix + ".") or p.field.startswith(prefix + "["))
        for p in doc.problems
    )


__all__ = ["Catalogue", "content_files", "load_catalogue", "TEXT_FIELDS"]
