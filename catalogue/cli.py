"""The `catalogue` command: content operations for editors and deployers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from catalogue.content.loading import load_catalogue
from catalogue.content.taxonomy import TaxonomyError

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The content folder.",
)
index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("instance/index"),
    show_default=True,
    help="The generations folder (`current` and the generations `catalogue build` writes).",
)


def _load(content_dir: Path, output: str = "text"):
    """The checked catalogue; a broken taxonomy or config prints its problems, one per line, and exits 1."""
    try:
        return load_catalogue(content_dir)
    except TaxonomyError as exc:
        for problem in exc.problems:
            click.echo(problem.github() if output == "github" else str(problem))
        click.echo("the taxonomy or config is broken: nothing else was checked", err=True)
        sys.exit(1)


@click.group()
def cli() -> None:
    """Method catalogue for Nordic family centres."""


@cli.command()
@content_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: annotations for GitHub Actions.",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(content_dir: Path, strict: bool, output: str, paths: tuple[Path, ...]) -> None:
    """Check every method file (or only report on PATHS): schema, terms, evidence, links, readability."""
    catalogue = _load(content_dir, output)
    wanted = {p.resolve() for p in paths}
    problems = [p for p in catalogue.problems if not wanted or Path(p.path).resolve() in wanted]
    for problem in problems:
        click.echo(problem.github() if output == "github" else str(problem))
    errors = [p for p in problems if p.severity == "error" or strict]
    files = len(wanted) if wanted else catalogue.files
    click.echo(
        f"{files} files, {len(catalogue.methods)} methods: {len(errors)} errors, {len(problems) - len(errors)} warnings",
        err=True,
    )
    sys.exit(1 if errors else 0)


@cli.command()
@content_option
@click.argument("method_id")
def new(content_dir: Path, method_id: str) -> None:
    """Create METHOD_ID in sv, fi and en with every field explained."""
    from catalogue.content.loading import ID_PATTERN
    from catalogue.content.scaffold import scaffold, suggest_id

    if not ID_PATTERN.match(method_id):
        suggestion = suggest_id(method_id)
        hint = f"`catalogue new {suggestion}`" if suggestion else "lowercase a–z, digits and hyphens, e.g. my-method"
        raise click.ClickException(f"'{method_id}' is not a valid id (a–z, digits, hyphens): use {hint}")
    try:
        paths = scaffold(content_dir, method_id, _load(content_dir).taxonomy)
    except FileExistsError as exc:
        raise click.ClickException(f"already exists: {exc}") from exc
    for path in paths:
        click.echo(f"created {path}")
    click.echo(
        "Write the title and texts where it says WRITE ME, uncomment the facts a source states, then preview with"
        " `catalogue serve` and check with `catalogue validate`."
    )


@cli.command()
@content_option
def translations(content_dir: Path) -> None:
    """List methods that lack a language or whose translation is older than its siblings."""
    from catalogue.content.translations import translation_status

    statuses = translation_status(_load(content_dir))
    gaps = [s for s in statuses if s.missing or s.outdated]
    for status in gaps:
        parts = []
        if status.missing:
            parts.append("missing " + ", ".join(status.missing))
        if status.outdated:
            parts.append("older than the newest file: " + ", ".join(status.outdated))
        click.echo(f"{status.method_id}: {'; '.join(parts)}")
    click.echo(f"{len(statuses)} methods, {len(gaps)} need translation work", err=True)


@cli.command("check-links")
@content_option
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for each server.")
@click.option("--delay", default=1.0, show_default=True, help="Seconds between two requests to the same host.")
def check_links(content_dir: Path, timeout: float, delay: float) -> None:
    """Check every external address in the content; report broken and redirected links."""
    from catalogue.content.links import LinkChecker, external_urls

    urls = external_urls(_load(content_dir))
    results = LinkChecker(timeout=timeout, delay=delay).check_all(urls)
    broken = [r for r in results if r.broken]
    for result in broken:
        click.echo(f"broken {result.status or result.error} {result.url} (in {', '.join(result.where)})")
    for result in results:
        if result.redirected:
            click.echo(f"redirected {result.url} -> {result.final_url} (in {', '.join(result.where)})")
    click.echo(f"{len(results)} links: {len(broken)} broken, {sum(r.redirected for r in results)} redirected", err=True)
    sys.exit(1 if broken else 0)


@cli.command()
@content_option
@index_option
def build(content_dir: Path, index_dir: Path) -> None:
    """Validate the content, render it and index it into one new generation, swapped in atomically.

    The site (and `catalogue serve`) picks the new generation up without a restart; a failed build leaves the
    previous one serving.
    """
    from catalogue.build import BuildError
    from catalogue.build import build as build_generation

    try:
        generation, catalogue = build_generation(content_dir, index_dir)
    except (TaxonomyError, BuildError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"built {len(catalogue.methods)} methods in sv, fi and en into {generation}")
    click.echo(f"{index_dir / 'current'} -> {generation.name}")
    if catalogue.errors:
        click.echo(f"{len(catalogue.errors)} content errors: those files were left out (see `catalogue validate`)")


cli.add_command(build, name="index")  # the command's earlier name


@cli.command()
@content_option
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=5000, show_default=True, help="The port to listen on.")
def serve(content_dir: Path, index_dir: Path, host: str, port: int) -> None:
    """Run the development server: it builds the content and rebuilds on every save (production: gunicorn)."""
    from catalogue.web.app import create_app
    from catalogue.web.server import serve as run_server

    run_server(create_app({"INDEX_DIR": index_dir, "PREVIEW": True}), content_dir, host, port)


@cli.command()
@content_option
@click.argument("base")
@click.argument("head", required=False)
@click.option("--lang", type=click.Choice(["sv", "fi", "en"]), default="en", show_default=True, help="Words in.")
@click.option("--markdown", is_flag=True, help="A Markdown list with a heading (for a pull request's job summary).")
def diff(content_dir: Path, base: str, head: str | None, lang: str, markdown: bool) -> None:
    """What the change from BASE to HEAD (default: the working tree) does to the facts, method by method."""
    from catalogue.content.diff import DiffError, catalogue_at, fact_diff

    try:
        lines = fact_diff(catalogue_at(base, content_dir), catalogue_at(head, content_dir), lang)
    except (DiffError, TaxonomyError) as exc:
        raise click.ClickException(str(exc)) from exc
    if markdown:
        click.echo("## What this change does to the facts\n")
        click.echo("\n".join(f"- {line}" for line in lines) if lines else "No facts changed.")
    else:
        click.echo("\n".join(lines) if lines else "no facts changed")


@cli.command()
def settings() -> None:
    """Print the site's settings (CATALOGUE_* environment variables) as the README's table."""
    from catalogue.web.settings import markdown_table

    click.echo(markdown_table())


@cli.command()
@content_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("schema/method.schema.json"),
    show_default=True,
)
def schema(content_dir: Path, output: Path) -> None:
    """Write the JSON Schema of a method file's front matter."""
    from catalogue.content.schema import method_schema

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(method_schema(_load(content_dir).taxonomy), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    click.echo(f"wrote {output}")


@cli.group()
def feedback() -> None:
    """The feedback form's messages (the store CATALOGUE_FEEDBACK_DIR names, as the site finds it)."""


def _feedback_store():
    import os

    from catalogue.web.app import create_app
    from catalogue.web.settings import ConfigError, from_environment

    try:
        return create_app(from_environment(os.environ)).extensions["catalogue.feedback"]
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@feedback.command("export")
@click.option("--format", "form", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def feedback_export(form: str) -> None:
    """Print every message, oldest first, for staff to read or archive."""
    import csv
    import sqlite3

    from catalogue.web.feedback_store import FIELDS

    try:
        messages = _feedback_store().messages()
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"cannot read the feedback store: {exc}") from None
    if form == "json":
        click.echo(json.dumps(messages, ensure_ascii=False, indent=2))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(messages)


@feedback.command("import-json")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
def feedback_import_json(folder: Path) -> None:
    """Add the messages an earlier version kept as one JSON file each (the files are left in place)."""
    click.echo(f"imported {_feedback_store().import_json(folder)} messages from {folder}")
