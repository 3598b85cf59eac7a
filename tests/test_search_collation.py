"""Method names sort as a Swedish, Finnish or English reader expects (catalogue.content.collation)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from catalogue.content.collation import sort_key

NAMES = [
    "Ödla",
    "zebra",
    "Åsa",
    "Ära",
    "abc",
    "ABC",
    "Zz",
    "Ängel",
    "Émile",
    "Lilla ABC",
    "Lillabc",
    "Oasis",
    "Øresund",
]


def ordered(names, lang):
    return sorted(names, key=lambda name: sort_key(name, lang))


def test_swedish_and_finnish_put_a_ring_a_umlaut_o_umlaut_after_z():
    for lang in ("sv", "fi"):
        names = ordered(NAMES, lang)
        assert names.index("Zz") < names.index("Åsa") < names.index("Ängel") < names.index("Ära") < names.index("Ödla")
        assert names[-1] == "Øresund"  # Danish ø files as ö


def test_english_reads_accents_as_base_letters():
    names = ordered(NAMES, "en")
    assert names.index("Ängel") < names.index("Åsa") < names.index("Émile") < names.index("Lilla ABC")
    assert names.index("Oasis") < names.index("Ödla") < names.index("zebra")


def test_case_and_accents_only_break_ties():
    assert ordered(["Abc", "abc", "ABC", "abd"], "sv") == ["abc", "Abc", "ABC", "abd"]
    assert ordered(["Émile", "emile", "Emilia"], "en") == ["emile", "Émile", "Emilia"]


def test_spaces_and_punctuation_come_before_letters():
    assert ordered(["Lillabc", "Lilla ABC", "Lilla-ABC"], "sv") == ["Lilla ABC", "Lilla-ABC", "Lillabc"]


@given(st.lists(st.text(max_size=12), max_size=20), st.sampled_from(["sv", "fi", "en", "de"]))
def test_any_names_sort_without_error_and_consistently(names, lang):
    keys = [sort_key(name, lang) for name in ordered(names, lang)]
    assert keys == sorted(keys)
