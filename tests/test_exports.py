"""A researcher downloads the whole catalogue: as CSV that Excel opens correctly, or as JSON."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from catalogue.build import build

from .open_data import TEXTS, open_data_app, write_catalogue


@pytest.fixture
def client(content_dir: Path, tmp_path: Path):
    write_catalogue(content_dir)
    return open_data_app(content_dir, tmp_path / "index").test_client()


def rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_the_csv_is_utf8_with_a_byte_order_mark_one_row_per_method(client):
    response = client.get("/api/v1/export.csv?lang=sv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="methods-sv.csv"'
    assert response.data.startswith(b"\xef\xbb\xbfid,")
    assert b"\r\n" in response.data
    table = rows(response)
    assert [row["id"] for row in table] == sorted(TEXTS)
    assert table[0]["title"] == "Familjestödsgrupper"


def test_the_csv_has_one_column_per_fact_with_lists_joined_and_labels_in_the_language(client):
    family = rows(client.get("/api/v1/export.csv?lang=sv"))[0]
    assert family["evidence_level"] == "Effektiv"
    assert family["ratings"] == "Kasvun tuki – Tidig insats (Finland): 4/5 (2025-03-24); Ungsinn (Norge): 3 (2024-05)"
    assert family["rating_urls"] == "https://itla.fi/menetelmapankki/family-support; https://ungsinn.no/family-support"
    assert (family["age_from"], family["age_to"], family["from_pregnancy"]) == ("3", "6", "no")
    assert family["need"] == "Universell; Selektiv"
    assert family["sectors"] == "Barnhälsovård; Öppen förskola"
    assert family["delivery_languages"].count("; ") == 1
    assert (family["sessions"], family["session_minutes"], family["weeks"]) == ("8–10", "90", "10")
    assert family["references"].startswith(
        "Virtanen A, Berg K. Parent groups in Nordic child health care (2021) https://doi.org/"
    )
    assert family["contact_email"] == "info@family-support.example.net"
    assert family["reviewed"] == "2026-02-01"
    assert family["translations"] == "sv; fi; en"
    assert family["url"] == "https://metoder.example.fi/sv/methods/family-support"
    finnish = rows(client.get("/api/v1/export.csv?lang=fi"))
    assert finnish[0]["sectors"] == "Lastenneuvola; Avoin varhaiskasvatus"
    assert finnish[1]["language_of_text"] == "en", "school-zone has only an English text"


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_defused(client):
    talk = next(row for row in rows(client.get("/api/v1/export.csv?lang=en")) if row["id"] == "talk-group")
    assert talk["aliases"] == "'@home talks"


def test_the_json_export_has_every_method_as_the_method_endpoint_gives_it(client):
    export = client.get("/api/v1/export.json?lang=fi").json
    assert (export["lang"], export["total"]) == ("fi", 3)
    for method in export["methods"]:
        assert method == client.get(f"/api/v1/methods/{method['id']}?lang=fi").json


def test_the_real_catalogue_exports_whole_in_every_language(catalogue, real_app):
    client = real_app.test_client()
    for lang in ("sv", "fi", "en"):
        response = client.get(f"/api/v1/export.csv?lang={lang}")
        table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
        assert len(table) == len(catalogue.methods) + 1
        assert {len(row) for row in table} == {len(table[0])}
        assert client.get(f"/api/v1/export.json?lang={lang}").json["total"] == len(catalogue.methods)


def test_an_export_is_made_once_per_build_and_follows_the_next_build(client, content_dir: Path):
    first = client.get("/api/v1/export.csv?lang=en").data
    assert client.get("/api/v1/export.csv?lang=en").data == first
    path = content_dir / "en" / "school-zone.md"
    path.write_text(path.read_text(encoding="utf-8").replace("School Zone", "Safe School Zone"), encoding="utf-8")
    assert client.get("/api/v1/export.csv?lang=en").data == first  # nothing changes until the build
    build(content_dir, content_dir.parent / "index")
    titles = {row["title"] for row in rows(client.get("/api/v1/export.csv?lang=en"))}
    assert "Safe School Zone" in titles
    assert "Safe School Zone" in client.get("/api/v1/export.json?lang=en").get_data(as_text=True)
