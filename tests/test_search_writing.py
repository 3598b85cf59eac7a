"""A large catalogue is written by several processes (Whoosh's MpWriter, one segment each): a reader must find
exactly what a build in one process finds.

Real Whoosh on the real content.
"""

from __future__ import annotations

from whoosh import index as whoosh_index

import search.building
from search import SearchRequest, SearchService, build_index, results_json


def test_a_build_in_several_processes_finds_what_a_build_in_one_finds(catalogue, tmp_path, monkeypatch):
    monkeypatch.setattr(search.building, "MIN_DOCUMENTS_PER_PROCESS", 10)  # the real catalogue is small
    build_index(catalogue, tmp_path / "one", processes=1)
    build_index(catalogue, tmp_path / "three", processes=3)
    for name, segments in (("one", 1), ("three", 3)):
        index = whoosh_index.open_dir(str(tmp_path / name / "current"))
        assert len(list(index.reader().leaf_readers())) == segments

    one, three = SearchService(tmp_path / "one"), SearchService(tmp_path / "three")
    requests = [
        SearchRequest(lang=lang, q=q, **filters)
        for lang in ("sv", "fi", "en")
        for q in ("", "föräldrar", "vanhemmuus", "parents groups", '"Incredible Years"', "för*", "förälrar")
        for filters in ({}, {"sector": ("school", "child_health")}, {"sort": "name", "per_page": 5, "page": 2})
    ]
    assert [results_json(three.search(r)) for r in requests] == [results_json(one.search(r)) for r in requests]
