"""The search index the HTML catalogue carries, so the page searches exactly as `erhverv find` does.

The page embeds what the CLI's index holds and the settings its ranking reads, made by the same
code: per case and column the analysed terms in order (their positions are their places in the
list, as FTS5 numbers them; phrases need them), the column lengths and their averages, the
vocabulary with document counts, the analysed thesaurus rows the index stores in its meta table,
the stopwords, the field names of ``field:word`` and every weight and limit of
:mod:`erhverv_cli.search.settings`. The page's script (``page_js/search.js``) analyses the query
with the same Snowball stemmers and ranks with the same BM25F; only the query is analysed in the
browser, never the cases.

The terms come from :func:`erhverv_cli.search.documents.columns`, the function the index writer
stores (:func:`~erhverv_cli.search.documents.prepared_document`); lengths and averages are
computed as :mod:`erhverv_cli.search.writer` computes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from erhverv_cli.search import settings
from erhverv_cli.search.analysis import DANISH_STOPWORDS, ENGLISH_STOPWORDS
from erhverv_cli.search.documents import COLUMNS, column_terms
from erhverv_cli.search.query import FIELDS

# Bump when the shape of the embedded data changes (the script checks it).
PAGE_INDEX_VERSION = 1


def _settings() -> dict[str, Any]:
    """Everything :mod:`erhverv_cli.search.settings` says about finding and ranking."""
    return {
        "columnWeights": [settings.COLUMN_WEIGHTS[name] for name in COLUMNS],
        "k1": settings.K1,
        "b": settings.B,
        "phraseBoost": settings.PHRASE_BOOST,
        "typoWeight": settings.TYPO_WEIGHT,
        "compoundWeight": settings.COMPOUND_WEIGHT,
        "thesaurusWeight": settings.THESAURUS_WEIGHT,
        "holdsWord": settings.HOLDS_WORD,
        "minTypoLength": settings.MIN_TYPO_LENGTH,
        "maxTypoCandidates": settings.MAX_TYPO_CANDIDATES,
        "minCompoundPart": settings.MIN_COMPOUND_PART,
        "maxPrefixTerms": settings.MAX_PREFIX_TERMS,
    }


def _averages(lengths: Sequence[Sequence[int]]) -> list[float]:
    """Average length per column, as the index writer stores it (1.0 for an empty corpus)."""
    out = []
    for position in range(len(COLUMNS)):
        values = [row[position] for row in lengths]
        average = sum(values) / len(values) if values else None
        out.append(float(average or 1.0) or 1.0)
    return out


def page_index(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The data the page's search needs, for these records (in this order: ``doc`` numbers are
    positions in ``records``)."""
    from erhverv_cli.search.storage import thesaurus_rows

    docs = []
    lengths = []
    vocabulary: dict[str, int] = {}
    for record in records:
        analysed = column_terms(record)
        lists = [analysed[name] for name in COLUMNS]
        lengths.append([len(terms) for terms in lists])
        for term in {term for terms in lists for term in terms}:
            vocabulary[term] = vocabulary.get(term, 0) + 1
        docs.append(
            {
                "id": record["id"],
                "number": record.get("number"),
                "type": record["type"],
                "regions": list(record.get("regions", [])),
                "terms": [" ".join(terms) for terms in lists],
                "lengths": lengths[-1],
            }
        )
    return {
        "version": PAGE_INDEX_VERSION,
        "columns": list(COLUMNS),
        "settings": _settings(),
        "fields": {name: list(targets) for name, targets in FIELDS.items()},
        "stopwords": {"da": sorted(DANISH_STOPWORDS), "en": sorted(ENGLISH_STOPWORDS)},
        "averages": _averages(lengths),
        "vocabulary": dict(sorted(vocabulary.items())),
        "thesaurus": json.loads(thesaurus_rows()),
        "docs": docs,
    }


def page_index_json(records: Sequence[Mapping[str, Any]]) -> str:
    """:func:`page_index` as compact JSON that is safe inside ``<script type="application/json">``:
    no ``<`` survives, so neither ``</script>`` nor ``<!--`` can end or bend the element."""
    text = json.dumps(page_index(records), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
