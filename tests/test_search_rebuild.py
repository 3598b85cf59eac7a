"""Rebuilding the index while the site searches: readers never see a half-built or missing index, pick up
the new one without a restart, and a failed build (disk full, folder not writable) leaves the old one serving.

Real processes: the reader is a separate Python process, as a gunicorn worker would be.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli import cli
from catalogue.content.loading import load_catalogue
from search import IndexBuildError, SearchRequest, SearchService, build_index
from search.building import current_generation, remove_expired
from tests.search_content import METHODS, write_content

ROOT = Path(__file__).resolve().parent.parent

READER = """
import json, sys, time
from pathlib import Path
from search import SearchRequest, SearchService
index, stop = Path(sys.argv[1]), Path(sys.argv[2])
service = SearchService(index)
queries, errors, seen = 0, [], []
print("ready", flush=True)
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    last = stop.exists()
    for request in (SearchRequest(lang="sv", q="föräldrar"), SearchRequest(lang="fi", sector=("school",)), SearchRequest(lang="en")):
        try:
            results = service.search(request)
            if results.total == 0:
                errors.append(f"no results for {request}")
        except Exception as exc:
            errors.append(repr(exc))
        queries += 1
    name = service.generation().name
    if not seen or seen[-1] != name:
        seen.append(name)
    if last:
        break
print(json.dumps({"queries": queries, "errors": errors[:10], "generations": seen}), flush=True)
"""


@pytest.fixture
def catalogue(content_dir):
    write_content(content_dir)
    return load_catalogue(content_dir)


def test_rebuilds_while_another_process_searches(catalogue, tmp_path):
    index = tmp_path / "index"
    built = [build_index(catalogue, index)]
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(index), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        for _ in range(8):
            built.append(build_index(catalogue, index))
        stop.touch()
        out, err = reader.communicate(timeout=120)
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["errors"] == []
    assert report["queries"] >= 30
    assert len(report["generations"]) >= 2  # it moved to new generations without a restart
    assert report["generations"][-1] == built[-1].name
    assert current_generation(index) == built[-1]
    assert all(path.exists() for path in built)  # replaced generations stay for the grace period


def test_the_service_uses_a_new_generation_without_restart(catalogue, content_dir, tmp_path):
    index = tmp_path / "index"
    build_index(catalogue, index)
    service = SearchService(index)
    assert service.search(SearchRequest(lang="en", q="sleep")).total == 1
    (content_dir / "en" / "quiet-nights.md").unlink()
    build_index(load_catalogue(content_dir), index)
    assert service.search(SearchRequest(lang="en", q="sleep")).total == 0


def test_replaced_generations_are_removed_after_the_grace_period(catalogue, tmp_path):
    index = tmp_path / "index"
    first = build_index(catalogue, index)
    second = build_index(catalogue, index)
    assert first.exists()
    old = time.time() - 3600
    os.utime(first, (old, old))
    assert remove_expired(index, grace=600) == [first]
    assert second.exists() and current_generation(index) == second


BUILD = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
from catalogue.cli import cli
cli(["index", "--content", sys.argv[1], "--index", sys.argv[2]])
"""


def test_a_full_disk_fails_clearly_and_the_old_index_keeps_serving(catalogue, content_dir, tmp_path):
    index = tmp_path / "index"
    old = build_index(catalogue, index)
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(content_dir), str(index), "4096"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "the disk is full" in result.stderr
    assert "previous index still serves" in result.stderr
    assert current_generation(index) == old
    assert sorted(p.name for p in index.iterdir()) == sorted(["current", old.name])  # no half-built generation left
    assert SearchService(index).search(SearchRequest(lang="sv", q="föräldrar")).total > 0


def test_an_unwritable_folder_fails_clearly_and_the_old_index_keeps_serving(catalogue, content_dir):
    shared = Path(tempfile.mkdtemp(prefix="search-unwritable-"))
    try:
        os.chmod(shared, 0o755)
        content = shutil.copytree(content_dir, shared / "content")
        index = shared / "index"
        old = build_index(load_catalogue(content), index)
        for path in [shared, *shared.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(index, 0o555)
        runner = CliRunner()
        command = ["index", "--content", str(content), "--index", str(index)]
        if os.geteuid() == 0:  # root writes anywhere: build as an unprivileged user, as a deploy user would
            os.seteuid(65534)
            try:
                result = runner.invoke(cli, command)
            finally:
                os.seteuid(0)
        else:
            result = runner.invoke(cli, command)
        assert result.exit_code == 1
        assert "is not writable" in result.output and "previous index still serves" in result.output
        assert current_generation(index) == old
        assert SearchService(index).search(SearchRequest(lang="fi", q="vanhemmat")).total > 0
    finally:
        os.chmod(shared, 0o755)
        shutil.rmtree(shared, ignore_errors=True)


def test_catalogue_build_command_and_its_old_name(content_dir, tmp_path, runner):
    index = tmp_path / "index"
    empty = runner.invoke(cli, ["build", "--content", str(content_dir), "--index", str(index)])
    assert empty.exit_code == 1 and "no valid methods" in empty.output
    write_content(content_dir, {"zone": METHODS["zone"]})
    for command in ("build", "index"):
        result = runner.invoke(cli, [command, "--content", str(content_dir), "--index", str(index)])
        assert result.exit_code == 0, result.output
        assert "built 1 methods" in result.output and "current ->" in result.output
    generation = SearchService(index).generation()
    assert generation.catalogue is not None and list(generation.catalogue.methods) == ["zone"]
    assert SearchService(index).search(SearchRequest(lang="sv", q="mobbning")).total == 1


def test_a_service_without_an_index_says_what_to_do(tmp_path):
    from search import IndexUnavailable

    with pytest.raises(IndexUnavailable, match="catalogue build"):
        SearchService(tmp_path / "nothing").search(SearchRequest(lang="sv"))


def test_build_errors_are_index_build_errors(catalogue, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexBuildError, match="cannot build the search index"):
        build_index(catalogue, blocker / "index")
