"""The index is written fast (search/segment.py) and, when large, by several processes: a reader must find
exactly what Whoosh's own writer would have given it.

Real Whoosh on the real content.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from search import SearchRequest, SearchService, results_json
from search.documents import catalogue_documents, swedish_lexicon
from search.forking import Forked
from search.schema import build_schema
from search.segment import write_index
from tests.conftest import CONTENT, ROOT


def everything_a_reader_sees(index) -> dict:
    """Every term with its statistics and postings, and every document's stored values, lengths and key."""
    reader = index.reader()
    fields = index.schema.names()
    terms = {}
    for fieldname, text in reader.all_terms():
        info = reader.term_info(fieldname, text)
        matcher = reader.postings(fieldname, text)
        postings = []
        while matcher.is_active():
            postings.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        statistics = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
        terms[(fieldname, text)] = (statistics, info.min_id(), info.max_id(), postings)
    documents = [
        (reader.stored_fields(docnum), [reader.doc_field_length(docnum, name) for name in fields])
        for docnum in range(reader.doc_count_all())
    ]
    totals = [reader.field_length(name) for name in fields]
    return {"terms": terms, "documents": documents, "totals": totals, "keys": list(reader.column_reader("key"))}


@pytest.fixture(scope="module")
def documents(catalogue):
    return list(catalogue_documents(catalogue))


def test_the_fast_writer_writes_what_whooshs_own_writer_writes(documents, tmp_path):
    schema = build_schema(swedish_lexicon(documents))
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "fast").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "whoosh"), schema)
    writer = SegmentWriter(reference)
    for doc in documents:
        writer.add_document(**doc.fields)
    writer.commit()
    fast = whoosh_index.create_in(str(tmp_path / "fast"), schema)
    write_index(fast, [doc.fields for doc in documents])

    expected = everything_a_reader_sees(whoosh_index.open_dir(str(tmp_path / "whoosh")))
    found = everything_a_reader_sees(whoosh_index.open_dir(str(tmp_path / "fast")))
    assert len(found["terms"]) > 5000
    for part in expected:
        assert found[part] == expected[part], part


def test_a_build_in_several_processes_finds_what_a_build_in_one_finds(tmp_path):
    # in a fresh process: a build only forks when no other thread runs (the test run may have some)
    script = f"""
from pathlib import Path
import search.segment
from catalogue.content.loading import load_catalogue
from search import build_index
search.segment.MIN_DOCUMENTS_PER_PROCESS = 10  # the real catalogue is small
catalogue = load_catalogue(Path({str(CONTENT)!r}))
build_index(catalogue, Path({str(tmp_path / "one")!r}), processes=1)
build_index(catalogue, Path({str(tmp_path / "three")!r}), processes=3)
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=300)
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


def _fails(message: str) -> None:
    raise OSError(28, message)


def test_a_worker_process_gives_back_its_result_or_its_error():
    assert Forked(sum, [1, 2, 3]).result() == 6
    with pytest.raises(OSError, match="No space") as error:
        Forked(_fails, "No space left on device").result()
    assert error.value.errno == 28
    with pytest.raises(RuntimeError, match="stopped"):
        Forked(os._exit, 3).result()
