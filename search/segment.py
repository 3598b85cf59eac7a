"""`BulkWriter`: writes a whole index generation as one Whoosh segment, in Whoosh's own format, several times
faster than Whoosh's general-purpose writer.

Whoosh's `SegmentWriter` analyses every token through a chain of Python objects, pushes every posting through
an external sorting pool, then looks up every posting's field length in a column file while writing. For a
build from scratch none of that is needed:

- frequency-only text fields analysed by `search.analysis` (summaries and bodies: most of the postings) are
  counted per distinct word (`LanguageTerms.frequencies`), which gives exactly the terms, frequencies and
  field lengths the analyser chain gives;
- postings are kept per term in arrays, in document order, so they need no sorting (only the terms do);
- field lengths are kept in memory, and each term's postings go to Whoosh's postings writer a block at a time.

Other fields (names, titles with positions, the key) go through Whoosh's own `field.index()`. The per-document
files (stored fields, lengths, columns) are written by Whoosh's per-document writer as usual. Readers see a
normal index: tests/test_search_index.py compares every posting with one written by Whoosh's writer.
"""

from __future__ import annotations

from array import array

from whoosh.analysis import CompositeAnalyzer, RegexTokenizer
from whoosh.fields import FieldType
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .analysis import WORD, LanguageTerms, TermsFilter

FREQUENCY_BYTES = [pack_uint(n) for n in range(256)]
"""The encoded value of a frequency posting (common frequencies precomputed)."""


def counted_terms(field: FieldType) -> LanguageTerms | None:
    """The word-to-terms function of a frequency-only field analysed by `search.analysis`, else None."""
    analyzer = field.analyzer if field.indexed else None
    if type(field.format) is not Frequency or not isinstance(analyzer, CompositeAnalyzer):
        return None
    items = analyzer.items
    if (
        len(items) == 2
        and type(items[0]) is RegexTokenizer
        and not items[0].gaps
        and items[0].expression.pattern == WORD.pattern
        and type(items[1]) is TermsFilter
    ):
        return items[1].language
    return None


class _Postings:
    """One term's postings in document order: docnums, weights and encoded values."""

    __slots__ = ("docnums", "weights", "values")

    def __init__(self) -> None:
        self.docnums = array("I")
        self.weights = array("d")
        self.values: list[bytes] = []


class BulkWriter(SegmentWriter):
    """A `SegmentWriter` for an index built from scratch in one go: `add_document(**fields)`, then `commit()`.

    Takes no per-document boosts (`_boost`, `_field_boost`), vectors or separate spelling fields.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        if self.segments:
            raise ValueError("BulkWriter writes a new index: this one already has documents")
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"BulkWriter cannot write the field {name!r} (term vectors or spelling)")
        self._counted = {name: terms for name, field in self.schema.items() if (terms := counted_terms(field))}
        self._postings: dict[str, dict[str, _Postings]] = {}
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
        postings = self._postings.setdefault(fieldname, {})
        terms = self._counted.get(fieldname)
        length = 0
        if terms is not None:
            boost = field.format.field_boost
            counts, length = terms.frequencies(value)
            for term, freq in counts.items():
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = _Postings()
                entry.docnums.append(docnum)
                entry.weights.append(freq * boost)
                entry.values.append(FREQUENCY_BYTES[freq] if freq < 256 else pack_uint(freq))
        else:
            for tbytes, freq, weight, vbytes in field.index(value):
                if field.scorable:
                    length += freq
                entry = postings.get(tbytes)
                if entry is None:
                    entry = postings[tbytes] = _Postings()
                entry.docnums.append(docnum)
                entry.weights.append(weight)
                entry.values.append(vbytes)
        if length:
            self._lengths.setdefault(fieldname, {})[docnum] = byte_to_length(length_to_byte(length))
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        for fieldname in sorted(self._postings):
            terms = self._postings[fieldname]
            if not terms:
                continue
            field = self.schema[fieldname]
            lengths = self._lengths.get(fieldname, {})
            fieldwriter.start_field(fieldname, field)
            encoded = sorted(((t if isinstance(t, bytes) else field.to_bytes(t)), t) for t in terms)
            for tbytes, term in encoded:
                fieldwriter.start_term(tbytes)
                _add_postings(fieldwriter._postwriter, terms[term], lengths)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        self.fieldwriter.close()


def _add_postings(writer, postings: _Postings, lengths: dict[int, int]) -> None:
    """One term's postings, a block at a time, into Whoosh's `W3PostingsWriter` (as its `add_posting` would:
    full blocks as they fill, the last block when the term is finished)."""
    docnums, weights, values = postings.docnums, postings.weights, postings.values
    size = writer._blocklimit
    for start in range(0, len(docnums), size):
        if start:
            writer._write_block()
        block = docnums[start : start + size]
        block_weights = weights[start : start + size]
        block_lengths = [length for d in block if (length := lengths.get(d, 0))]
        writer._ids = block
        writer._weights = array("f", block_weights)
        writer._values = [v for v in values[start : start + size] if v]
        writer._minlength = min(block_lengths) if block_lengths else None
        writer._maxlength = max(block_lengths, default=0)
        writer._maxweight = max(0, max(block_weights))


__all__ = ["BulkWriter", "counted_terms"]
