"""The feedback form: kept in SQLite, only from this site's own form, within its limits, and never lost half-way.

Whatever goes wrong after someone wrote a message (an expired form, a full store, a full disk), they get the
form back with their message in it and a plain explanation; the store keeps whole messages only.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from catalogue.build import build
from catalogue.cli import cli
from catalogue.web.app import create_app
from catalogue.web.feedback_store import FeedbackStore, StoreFull

from .conftest import ROOT, empty_content
from .site_content import write_catalogue


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("feedback")
    content = empty_content(root)
    write_catalogue(content)
    build(content, root / "index")
    return root / "index"


def site(index: Path, folder: Path, **config):
    return create_app({"INDEX_DIR": index, "FEEDBACK_DIR": folder, **config})


def feedback_form(client, url: str) -> dict[str, str]:
    """The form's hidden fields, as a browser that opened it sends them."""
    soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    return {field["name"]: field.get("value", "") for field in soup.select("form input[type=hidden]")}


def textarea(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").find("textarea", id="message").get_text()


def test_feedback_without_a_message_shows_an_error_summary(index, tmp_path):
    client = site(index, tmp_path).test_client()
    response = client.post("/en/feedback/", data={**feedback_form(client, "/en/feedback/"), "message": "  "})
    assert response.status_code == 400
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.find(class_="error-summary").a["href"] == "#message"
    assert soup.find("textarea", id="message")["aria-invalid"] == "true"


def test_feedback_is_kept_and_thanked_for(index, tmp_path):
    app = site(index, tmp_path)
    client = app.test_client()
    form = feedback_form(client, "/sv/feedback/")
    response = client.post("/sv/feedback/", data={**form, "message": "Länken är trasig", "page": "/sv/methods/x"})
    assert response.status_code == 303 and response.headers["Location"] == "/sv/feedback/sent"
    stored = app.extensions["catalogue.feedback"].messages()
    assert [(m["message"], m["lang"], m["page"]) for m in stored] == [("Länken är trasig", "sv", "/sv/methods/x")]
    sent = BeautifulSoup(client.get("/sv/feedback/sent").get_data(as_text=True), "html.parser")
    assert sent.h1.get_text() == "Tack för dina synpunkter"


def test_a_post_without_the_forms_token_is_not_kept_and_the_message_comes_back(index, tmp_path):
    app = site(index, tmp_path)
    response = app.test_client().post("/fi/feedback/", data={"message": "Hakusana ei löydy"})
    assert response.status_code == 400
    assert "Lomake oli vanhentunut" in response.get_data(as_text=True)
    assert textarea(response) == "Hakusana ei löydy"
    assert app.extensions["catalogue.feedback"].messages() == []


def test_a_post_from_another_site_is_refused(index, tmp_path):
    app = site(index, tmp_path)
    client = app.test_client()
    form = {**feedback_form(client, "/en/feedback/"), "message": "spam"}
    response = client.post("/en/feedback/", data=form, headers={"Origin": "https://evil.example.com"})
    assert response.status_code == 403
    ok = client.post("/en/feedback/", data=form, headers={"Origin": "http://localhost"})
    assert ok.status_code == 303
    assert len(app.extensions["catalogue.feedback"].messages()) == 1


def test_a_full_store_asks_to_try_again_later_keeps_the_message_in_the_form_and_health_says_so(index, tmp_path):
    app = site(index, tmp_path, FEEDBACK_MAX_MESSAGES=2)
    client = app.test_client()
    for n in range(2):
        form = feedback_form(client, "/sv/feedback/")
        assert client.post("/sv/feedback/", data={**form, "message": f"nummer {n}"}).status_code == 303
    form = feedback_form(client, "/sv/feedback/")
    response = client.post("/sv/feedback/", data={**form, "message": "den tredje"})
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Försök igen senare" in response.get_data(as_text=True)
    assert textarea(response) == "den tredje"
    assert len(app.extensions["catalogue.feedback"].messages()) == 2
    health = client.get("/healthz").json
    assert health["feedback"] == {"status": "full", "messages": 2} and health["status"] == "degraded"


def test_the_store_stops_at_its_size_with_whole_messages_only(tmp_path):
    store = FeedbackStore(tmp_path, max_messages=10_000, max_bytes=128 * 1024)
    kept = 0
    with pytest.raises(StoreFull):
        for n in range(1000):
            store.add("en", "", "", f"{n} " + "x" * 4000)
            kept += 1
    assert 10 < kept < 40
    messages = store.messages()
    assert len(messages) == kept and all(len(m["message"]) > 4000 for m in messages)
    assert store.path.stat().st_size <= 128 * 1024


FULL_DISK = """
import json, resource, signal, sys
from pathlib import Path
from bs4 import BeautifulSoup
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from catalogue.web.app import create_app
app = create_app({"INDEX_DIR": Path(sys.argv[1]), "FEEDBACK_DIR": Path(sys.argv[2])})
client = app.test_client()
client.get("/healthz")
resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, 96 * 1024))  # the disk is full at 96 kB
answers = []
for n in range(200):
    soup = BeautifulSoup(client.get("/en/feedback/").get_data(as_text=True), "html.parser")
    token = soup.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/en/feedback/", data={"csrf_token": token, "message": f"{n} " + "y" * 3000})
    answers.append(response.status_code)
print(json.dumps(answers))
"""


def test_a_full_disk_gives_the_try_again_page_never_a_500_and_keeps_whole_messages(index, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(index), str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert set(answers) == {303, 503}, answers
    store = FeedbackStore(tmp_path, max_messages=10_000, max_bytes=1 << 30)
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(store.messages()) == answers.count(303)
    assert all(m["message"].endswith("y" * 3000) for m in store.messages())


def test_staff_export_the_messages_as_csv_or_json(index, tmp_path, monkeypatch):
    store = FeedbackStore(tmp_path, max_messages=10, max_bytes=1 << 20)
    store.add("fi", "/fi/methods/vavu", "", 'Linkki, jossa on pilkku, ja "lainaus"')
    monkeypatch.setenv("CATALOGUE_FEEDBACK_DIR", str(tmp_path))
    monkeypatch.setenv("CATALOGUE_INDEX_DIR", str(index))
    as_json = CliRunner().invoke(cli, ["feedback", "export", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)[0]["message"] == 'Linkki, jossa on pilkku, ja "lainaus"'
    as_csv = CliRunner().invoke(cli, ["feedback", "export"])
    assert as_csv.output.splitlines()[0] == "received,lang,page,email,message"
    assert '"Linkki, jossa on pilkku, ja ""lainaus"""' in as_csv.output


def test_messages_an_earlier_version_kept_as_json_files_are_imported(index, tmp_path, monkeypatch):
    old = tmp_path / "old"
    old.mkdir()
    record = {"received": "2026-11-30T10:00:00+00:00", "lang": "sv", "message": "Gammalt", "page": "", "email": ""}
    (old / "20261130T100000-abcd.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setenv("CATALOGUE_FEEDBACK_DIR", str(tmp_path / "store"))
    result = CliRunner().invoke(cli, ["feedback", "import-json", str(old)])
    assert result.exit_code == 0 and "imported 1 messages" in result.output
    assert FeedbackStore(tmp_path / "store", 10, 1 << 20).messages()[0]["received"] == "2026-11-30T10:00:00+00:00"
