"""The pull-request workflow runs where `make test` works (Debian) and tells reviewers what a change does."""

from __future__ import annotations

import yaml

from .conftest import ROOT


def test_the_workflow_tests_in_debian_and_summarises_the_fact_changes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["test"]["container"].endswith("-bookworm")  # Debian's chromium, not Ubuntu's snap stub
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    content = [step.get("run", "") for step in jobs["content"]["steps"]]
    assert ".venv/bin/catalogue validate --strict --format github" in content
    assert any("catalogue diff" in run and "GITHUB_STEP_SUMMARY" in run for run in content)
    checkout = next(step for step in jobs["content"]["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base revision must be there for the diff
