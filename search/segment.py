"""Writing a whole index generation fast, in Whoosh's own format: `write_index` (one segment per process for a
large catalogue) and `BulkWriter` (one segment).

Whoosh's `SegmentWriter` analyses every token through a chain of Python objects, pushes every posting through
an external sorting pool, looks up every posting's field length in a column file, and writes postings one call
at a time. For a build from scratch none of that is needed:

- text fields analysed by `search.analysis` are analysed a distinct word at a time: summaries and bodies (most
  of the postings) are counted with `LanguageTerms.frequencies`, titles and names (with positions) word by
  word, which gives exactly the terms, frequencies, positions and field lengths the analyser chain gives;
- postings are kept per term in arrays, appended in C and already in document order (only terms are sorted);
- field lengths are kept in memory, and each term is written a block at a time (`_TermWriter`), with zlib set
  up for the block's size and tiny blocks left uncompressed.

Other fields (the key) go through Whoosh's own `field.index()`; the per-document files (stored fields, lengths,
columns) are written by Whoosh's per-document writer as usual. Readers see a normal index:
tests/test_search_writing.py compares every term, posting and stored value with an index Whoosh's own writer
wrote, and a build in several processes with one in a single process.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from operator import sub
from pickle import dumps
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.fields import FieldType
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .analysis import WORD, FoldFilter, LanguageTerms, TermsFilter, fold
from .forking import Forked, can_fork

BIG_ENDIAN_SWAP = sys.byteorder == "little"
"""Whoosh encodes frequencies as big-endian unsigned ints (`whoosh.system.pack_uint`)."""
assert array("I").itemsize == len(pack_uint(0)) == 4

MIN_COMPRESSED = 96
"""Posting blocks whose pickled data is shorter than this are stored uncompressed (the block header says so,
and Whoosh's reader reads both): zlib saves little or nothing on them and costs more than the rest of writing
them. (Whoosh's own writer means to skip blocks under 20 bytes, but a later line undoes it.)"""

MIN_DOCUMENTS_PER_PROCESS = 1000
"""Below this many documents per process, starting a worker process costs more than it saves."""

_consume = deque(maxlen=0).extend
"""Runs an iterator to its end, in C."""


def _word_filters(analyzer) -> list | None:
    """For the analysers `search.analysis` makes (its word tokenizer, then filters that look at one word at a
    time), the filters; None for any other analyser."""
    items = getattr(analyzer, "items", ())
    if (
        not items
        or type(items[0]) is not RegexTokenizer
        or items[0].gaps
        or items[0].expression.pattern != WORD.pattern
    ):
        return None
    return list(items[1:])


def counted_terms(field: FieldType) -> LanguageTerms | None:
    """The word-to-terms function of a frequency-only field analysed by `language_analyzer`, else None."""
    filters = _word_filters(field.analyzer) if field.indexed and type(field.format) is Frequency else None
    return filters[0].language if filters is not None and [type(f) for f in filters] == [TermsFilter] else None


def positions_index(field: FieldType) -> Callable[[str], list[tuple[bytes, int, float, bytes]]] | None:
    """For a field with positions analysed by `language_analyzer` or `names_analyzer`, its `field.index()`
    worked out a word at a time; None for any other field."""
    filters = _word_filters(field.analyzer) if field.indexed and type(field.format) is Positions else None
    kinds = [type(f) for f in filters] if filters is not None else None
    if kinds == [TermsFilter]:
        terms = filters[0].language.word_terms
    elif kinds == [LowercaseFilter, FoldFilter]:
        terms = _lower_folded
    else:
        return None
    boost, encode, to_bytes = field.format.field_boost, field.format.encode, field.to_bytes

    def index(text: str) -> list[tuple[bytes, int, float, bytes]]:
        positions: dict[str, list[int]] = {}
        for position, word in enumerate(WORD.findall(text)):
            for term in terms(word):
                positions.setdefault(term, []).append(position)
        return [(to_bytes(term), len(found), len(found) * boost, encode(found)) for term, found in positions.items()]

    return index


def _lower_folded(word: str) -> tuple[str, ...]:
    """What `names_analyzer`'s filters make of a word."""
    return (fold(word.lower()),)


class _Counted:
    """The postings of a frequency field, per term in document order: docnums and frequencies."""

    __slots__ = ("docnums", "freqs")

    def __init__(self) -> None:
        self.docnums: dict[str, array] = {}
        self.freqs: dict[str, array] = {}

    def add(self, docnum: int, counts: dict[str, int]) -> None:
        docnums, freqs = self.docnums, self.freqs
        for term in set(counts).difference(docnums):
            docnums[term] = array("I")
            freqs[term] = array("I")
        # one posting per term, appended in C: a Python loop over 1,000,000s of postings is what made builds slow
        _consume(map(array.append, map(docnums.__getitem__, counts), repeat(docnum)))
        _consume(map(array.append, map(freqs.__getitem__, counts), counts.values()))

    def terms(self) -> list[str]:
        return list(self.docnums)

    def blocks(self, term: str, size: int, boost: float):
        """(docnums, weights, encoded values, highest weight) per block of `size` postings."""
        docnums, all_freqs = self.docnums[term], self.freqs[term]
        for start in range(0, len(docnums), size):
            freqs = all_freqs[start : start + size]
            weights = array("f", freqs) if boost == 1.0 else array("f", [f * boost for f in freqs])
            values = array("I", freqs)
            if BIG_ENDIAN_SWAP:
                values.byteswap()
            # one value per posting, all of the same size: Whoosh joins them into one string anyway
            yield docnums[start : start + size], weights, [values.tobytes()], max(freqs) * boost


class _Listed:
    """The postings of any other field, as Whoosh's `field.index()` gives them, per term in document order."""

    __slots__ = ("postings",)

    def __init__(self) -> None:
        self.postings: dict[bytes, tuple[array, array, list[bytes]]] = {}

    def add(self, docnum: int, items) -> int:
        """Adds (term bytes, frequency, weight, value) items; returns the sum of the frequencies."""
        length = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            entry = self.postings.get(tbytes)
            if entry is None:
                entry = self.postings[tbytes] = (array("I"), array("d"), [])
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(vbytes)
        return length

    def terms(self) -> list[bytes]:
        return list(self.postings)

    def blocks(self, term: bytes, size: int, boost: float):
        all_docnums, all_weights, all_values = self.postings[term]
        for start in range(0, len(all_docnums), size):
            weights = all_weights[start : start + size]
            values = [v for v in all_values[start : start + size] if v]
            yield all_docnums[start : start + size], array("f", weights), values, max(0, max(weights))


class BulkWriter(SegmentWriter):
    """A `SegmentWriter` for one segment of an index built from scratch: `add_document(**fields)`, then
    `commit()` (or, from `write_index`, `_finalize_segment()`). Takes no per-document boosts, term vectors or
    separate spelling fields.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        if self.segments:
            raise ValueError("BulkWriter writes a new index: this one already has documents")
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"BulkWriter cannot write the field {name!r} (term vectors or spelling)")
        self._counted = {name: terms for name, field in self.schema.items() if (terms := counted_terms(field))}
        self._positioned = {name: index for name, field in self.schema.items() if (index := positions_index(field))}
        self._postings: dict[str, _Counted | _Listed] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        """field → docnum → the field's length as the index stores it (a byte, so rounded)."""

    def add_document(self, **fields) -> None:
        self._check_state()
        if any(name.startswith("_") for name in fields):
            raise ValueError("BulkWriter takes no boosts or custom stored values")
        fieldnames = sorted(fields)
        self._check_fields(self.schema, fieldnames)
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = self.schema[fieldname]
                length = self._index(fieldname, field, value, docnum) if field.indexed else 0
                perdoc.add_field(fieldname, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _index(self, fieldname: str, field: FieldType, value, docnum: int) -> int:
        """Adds the field's postings for one document; returns the field's length in it."""
        terms = self._counted.get(fieldname)
        if terms is not None:
            postings = self._postings.get(fieldname) or self._postings.setdefault(fieldname, _Counted())
            counts, length = terms.frequencies(value)
            postings.add(docnum, counts)
        else:
            postings = self._postings.get(fieldname) or self._postings.setdefault(fieldname, _Listed())
            length = postings.add(docnum, self._positioned.get(fieldname, field.index)(value))
            if not field.scorable:
                length = 0
        if length:
            self._lengths.setdefault(fieldname, {})[docnum] = byte_to_length(length_to_byte(length))
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        for fieldname in sorted(self._postings):
            postings = self._postings[fieldname]
            field = self.schema[fieldname]
            lengths = array("I", bytes(4 * self.docnum))
            for docnum, length in self._lengths.get(fieldname, {}).items():
                lengths[docnum] = length
            fieldwriter.start_field(fieldname, field)
            terms = _TermWriter(fieldwriter, field, lengths)
            encoded = sorted((t if isinstance(t, bytes) else field.to_bytes(t), t) for t in postings.terms())
            for tbytes, term in encoded:
                terms.write(tbytes, postings.blocks(term, terms.block_size, field.format.field_boost))
            fieldwriter.finish_field()
        fieldwriter.close()


class _TermWriter:
    """Writes terms with their postings into the files of a `W3FieldWriter`, as its `start_term`,
    `W3PostingsWriter.add_posting` and `finish_term` would (the same blocks, block headers and term statistics),
    a block at a time instead of a call per posting."""

    def __init__(self, fieldwriter, field: FieldType, lengths: array) -> None:
        codec = fieldwriter._codec
        if codec._inlinelimit > 1:
            raise ValueError("BulkWriter does not inline postings in the term index")
        self.block_size = codec._blocklimit
        self.compression = codec._compression
        self.postfile = fieldwriter._postfile
        self.tindex = fieldwriter._tindex
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.fixed_size = field.format.fixed_value_size()
        self.scorable = field.scorable
        self.lengths = lengths

    def write(self, tbytes: bytes, blocks) -> None:
        """One term: blocks of (docnums, weights as float32, values, highest weight), at most `block_size` each."""
        postfile, compression, lengths = self.postfile, self.compression, self.lengths
        start = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        # the term's statistics, gathered block by block as `W3TermInfo.add_block` does
        weight, count, minlength, maxlength, maxweight = 0, 0, None, 0, 0
        blocks = list(blocks)
        for number, (docnums, weights, values, highest) in enumerate(blocks):
            if self.scorable:
                low, high = min(map(lengths.__getitem__, docnums)), max(map(lengths.__getitem__, docnums))
            else:  # no lengths: Whoosh skips zero lengths
                low, high = None, 0
            weight += sum(weights)
            count += len(docnums)
            minlength = low if minlength is None else min(minlength, low)
            maxlength, maxweight = max(maxlength, high), max(maxweight, highest)
            data = dumps(
                (tuple(map(sub, docnums, chain((0,), docnums))), _mini_weights(weights), self._values(values)), 2
            )
            level = compression if len(data) >= MIN_COMPRESSED else 0
            if level:
                data = zlib.compress(data, level, wbits=_window_bits(len(data)))
            info = dumps((len(docnums), docnums[-1], highest, level, length_to_byte(low), length_to_byte(high)), 2)
            size = len(info) + len(data)
            postfile.write(pack_int(-size if number == len(blocks) - 1 else size) + info + data)
        terminfo = W3TermInfo(weight, count, minlength, maxlength, maxweight, blocks[0][0][0], blocks[-1][0][-1])
        terminfo.set_extent(start, postfile.tell() - start)
        self.tindex.add(self.prefix + tbytes, terminfo.to_bytes())

    def _values(self, values: list[bytes]):
        if self.fixed_size is None or self.fixed_size < 0:
            return tuple(values)
        if self.fixed_size == 0:
            return None
        return b"".join(values)


def _window_bits(size: int) -> int:
    """The smallest zlib window that covers `size` bytes (plus deflate's lookahead): the compressed stream is the
    same as with the default 32 KB window, except for the window size in its header, which `zlib.decompress`
    reads as usual; but setting up the default window costs far more than compressing a small block."""
    return max(9, min(15, (size + 262).bit_length()))


def _mini_weights(weights: array):
    """As `W3PostingsWriter._mini_weights`: None when all are 1, one number when all are equal, else a tuple."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return tuple(weights)


def write_index(index, documents: Sequence[dict[str, Any]], processes: int = 1) -> None:
    """Writes `documents` (field values by name) into `index`, a new empty index, and commits it.

    With `processes` > 1 and enough documents, the documents are cut into that many runs, written side by side
    as segments (all but the last by forked processes); the index lists the segments in order, so document
    numbers follow `documents` as with one segment.
    """
    if not can_fork():
        processes = 1
    parts = max(1, min(processes, len(documents) // MIN_DOCUMENTS_PER_PROCESS))
    size = -(-len(documents) // parts)
    runs = [documents[start : start + size] for start in range(0, len(documents), size)] or [[]]
    writer = BulkWriter(index)
    workers = []
    try:
        folder, name = index.storage.folder, index.indexname
        workers = [Forked(_write_segment, folder, name, run) for run in runs[:-1]]
        for fields in runs[-1]:
            writer.add_document(**fields)
        own = writer._finalize_segment()
        segments = [worker.result() for worker in workers]
    except BaseException:
        for worker in workers:
            worker.stop()
        writer.cancel()
        raise
    # what `commit()` does after writing its segment: the table of contents (with the workers' segments first,
    # so document numbers follow `documents`), then unlock
    writer._commit_toc([*segments, own])
    writer._finish()


def _write_segment(folder: str, indexname: str, documents: Sequence[dict[str, Any]]):
    """In a worker process: one finished segment of the index in `folder` (the parent writes the index's TOC)."""
    writer = BulkWriter(whoosh_index.open_dir(folder, indexname), _lk=False)
    for fields in documents:
        writer.add_document(**fields)
    return writer._finalize_segment()


__all__ = ["BulkWriter", "counted_terms", "write_index"]
