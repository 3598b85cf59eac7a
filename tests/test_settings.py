"""A deployer's wrong setting stops the start with a message naming the variable."""

import re

import pytest

from catalogue.web.settings import ConfigError, from_environment

from .conftest import CONTENT


def test_defaults_need_no_variables():
    assert from_environment({}) == {}


def test_good_values_are_taken(tmp_path):
    config = from_environment(
        {
            "CATALOGUE_INDEX_DIR": str(tmp_path / "index"),
            "CATALOGUE_DEFAULT_LANGUAGE": "fi",
            "CATALOGUE_SITE_NAME_FI": "Perhekeskusten menetelmät",
            "CATALOGUE_BASE_URL": "https://metoder.example.fi/",
            "CATALOGUE_FEEDBACK_DIR": str(tmp_path / "feedback" / "new"),
            "CATALOGUE_FEEDBACK_URL": "https://github.com/example/catalogue/issues",
            "CATALOGUE_TRUSTED_PROXIES": "1",
            "CATALOGUE_PAGE_CACHE_MB": "0",
        }
    )
    assert config["INDEX_DIR"] == tmp_path / "index"
    assert config["DEFAULT_LANGUAGE"] == "fi"
    assert config["SITE_NAME"]["fi"] == "Perhekeskusten menetelmät"
    assert config["SITE_NAME"]["sv"]  # the other languages keep their names
    assert config["BASE_URL"] == "https://metoder.example.fi"
    assert config["FEEDBACK_DIR"] == tmp_path / "feedback" / "new"  # created when the first message comes
    assert config["FEEDBACK_URL"] == "https://github.com/example/catalogue/issues"
    assert config["TRUSTED_PROXIES"] == 1 and config["PAGE_CACHE_MB"] == 0


def test_the_readme_table_is_the_settings_table():
    from catalogue.web.settings import SETTINGS, markdown_table

    readme = (CONTENT.parent / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README's settings table differs: paste `catalogue settings` into it"
    assert {"CATALOGUE_FEEDBACK_DIR", "CATALOGUE_TRUSTED_PROXIES"} <= {s.variable for s in SETTINGS}


def test_every_setting_is_a_default_of_the_app(tmp_path):
    from catalogue.web.app import create_app
    from catalogue.web.settings import SETTINGS

    app = create_app({"INDEX_DIR": tmp_path})
    for setting in SETTINGS:
        assert setting.name in app.config


def test_the_feedback_form_uses_the_configured_folder_and_tracker(tmp_path):
    from catalogue.web.app import create_app

    config = from_environment(
        {
            "CATALOGUE_FEEDBACK_DIR": str(tmp_path / "feedback"),
            "CATALOGUE_FEEDBACK_URL": "https://github.com/example/catalogue/issues",
        }
    )
    client = create_app({**config, "INDEX_DIR": tmp_path / "index"}).test_client()
    form = client.get("/en/feedback/").get_data(as_text=True)
    assert "https://github.com/example/catalogue/issues" in form
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post("/en/feedback/", data={"message": "Great", "csrf_token": token}).status_code == 303
    assert (tmp_path / "feedback" / "feedback.sqlite3").exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CATALOGUE_INDEX_DIR", " ", "is empty"),
        ("CATALOGUE_DEFAULT_LANGUAGE", "de", "must be one of sv, fi, en"),
        ("CATALOGUE_SITE_NAME_SV", "", "is empty"),
        ("CATALOGUE_BASE_URL", "metoder.example.fi", "must be an absolute address"),
        ("CATALOGUE_FEEDBACK_URL", "javascript:alert(1)", "must be an absolute address"),
        ("CATALOGUE_FEEDBACK_DIR", str(CONTENT / "taxonomy.yaml"), "is a file"),
        ("CATALOGUE_INDEX_DIR", str(CONTENT / "taxonomy.yaml"), "is a file"),
        ("CATALOGUE_TRUSTED_PROXIES", "yes", "must be a whole number from 0 to 5"),
        ("CATALOGUE_PAGE_CACHE_MB", "-1", "must be a whole number"),
    ],
)
def test_wrong_values_name_the_variable(name, value, message):
    with pytest.raises(ConfigError) as error:
        from_environment({name: value})
    assert str(error.value).startswith(name)
    assert message in str(error.value)


def test_an_unwritable_feedback_folder_is_refused_at_start():
    import os
    import shutil
    import tempfile
    from pathlib import Path

    shared = Path(tempfile.mkdtemp(prefix="settings-unwritable-"))
    try:
        os.chmod(shared, 0o555)
        root = os.geteuid() == 0
        if root:  # root may write anywhere: check as the unprivileged user a service runs as
            os.seteuid(65534)
        try:
            with pytest.raises(ConfigError, match="CATALOGUE_FEEDBACK_DIR=.*is not writable"):
                from_environment({"CATALOGUE_FEEDBACK_DIR": str(shared / "feedback")})
        finally:
            if root:
                os.seteuid(0)
    finally:
        shutil.rmtree(shared, ignore_errors=True)
