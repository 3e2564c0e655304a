"""`find --explain`: how a query was read, and why each case ranks where it does."""

from __future__ import annotations

from typing import Any

from erhverv_cli.render.terminal import Look, plain_table
from erhverv_cli.render.text import json_text, safe_line
from erhverv_cli.search.engine import Explanation

KIND_WORDS = {
    "word": "the word",
    "typo": "typo correction",
    "compound": "compound",
    "split": "part of the word",
    "prefix": "prefix",
    "phrase": "phrase",
    "thesaurus": "thesaurus",
}


def explanation_text(explanation: Explanation, look: Look) -> str:
    lines = [f"Query: {safe_line(explanation.query)}", ""]
    for number, unit in enumerate(explanation.units, start=1):
        counts = "" if unit.counts else " (bonus)"
        lines.append(f"  {number}. {safe_line(unit.label)}{counts}")
        for alternative in unit.alternatives:
            note = f", {alternative.note}" if alternative.note else ""
            kind = KIND_WORDS.get(alternative.kind, alternative.kind)
            lines.append(
                f"       {safe_line(alternative.text)}  ({kind}{note}, weight {alternative.weight:g})"
            )
    if explanation.excluded:
        lines.append("  excluded: " + ", ".join(safe_line(text) for text in explanation.excluded))
    if not explanation.units:  # only stop words or syntax: nothing to search for
        return "\n".join([*lines, "No searchable words: stop words and syntax alone find nothing.", ""])
    lines += ["", f"Cases holding all {explanation.required} words rank first; then by score.", ""]
    header = ["#", "id", "words", "score", *(str(n) for n in range(1, len(explanation.units) + 1))]
    rows = [
        [
            str(h.hit.record.get("number") or ""),
            h.hit.record["id"],
            f"{h.hit.words}/{explanation.required}",
            f"{h.hit.score:.2f}",
            *(f"{share:.2f}" if share else "-" for share in h.shares),
        ]
        for h in explanation.hits
    ]
    numbers = frozenset(range(2, len(header)))
    return "\n".join(lines) + plain_table(header, rows, numbers | {0})


def explanation_json(explanation: Explanation, look: Look) -> str:
    payload: dict[str, Any] = {
        "query": explanation.query,
        "required": explanation.required,
        "units": [
            {
                "words": unit.label,
                "counts": unit.counts,
                "alternatives": [
                    {"text": a.text, "kind": a.kind, "weight": a.weight, "note": a.note}
                    for a in unit.alternatives
                ],
            }
            for unit in explanation.units
        ],
        "excluded": explanation.excluded,
        "hits": [
            {
                "id": h.hit.record["id"],
                "number": h.hit.record.get("number"),
                "score": h.hit.score,
                "words": h.hit.words,
                "shares": h.shares,
            }
            for h in explanation.hits
        ],
    }
    return json_text(payload, indent=2) + "\n"
