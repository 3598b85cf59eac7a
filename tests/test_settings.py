"""A deployer's wrong setting stops the start with a message naming the variable."""

import pytest

from catalogue.settings import ConfigError, from_environment

from .conftest import CONTENT


def test_defaults_need_no_variables():
    assert from_environment({}) == {}


def test_good_values_are_taken(tmp_path):
    config = from_environment(
        {
            "CATALOGUE_CONTENT_DIR": str(CONTENT),
            "CATALOGUE_INDEX_DIR": str(tmp_path / "index"),
            "CATALOGUE_DEFAULT_LANGUAGE": "fi",
            "CATALOGUE_SITE_NAME_FI": "Perhekeskusten menetelmät",
            "CATALOGUE_BASE_URL": "https://metoder.example.fi/",
        }
    )
    assert config["CONTENT_DIR"] == CONTENT
    assert config["DEFAULT_LANGUAGE"] == "fi"
    assert config["SITE_NAME"]["fi"] == "Perhekeskusten menetelmät"
    assert config["SITE_NAME"]["sv"]  # the other languages keep their names
    assert config["BASE_URL"] == "https://metoder.example.fi"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CATALOGUE_CONTENT_DIR", "/nonexistent", "no taxonomy.yaml there"),
        ("CATALOGUE_INDEX_DIR", " ", "is empty"),
        ("CATALOGUE_DEFAULT_LANGUAGE", "de", "must be one of sv, fi, en"),
        ("CATALOGUE_SITE_NAME_SV", "", "is empty"),
        ("CATALOGUE_BASE_URL", "metoder.example.fi", "must be an absolute address"),
    ],
)
def test_wrong_values_name_the_variable(name, value, message):
    with pytest.raises(ConfigError) as error:
        from_environment({name: value})
    assert str(error.value).startswith(name)
    assert message in str(error.value)
