"""What `erhverv info` reports: which corpus is in use, why, and the files that go with it.

A value, not output: the CLI renders it (like ``pip config debug``). Counting case files only lists
names, it parses nothing, so the report stays fast on a large corpus. The index module owns the
cache, so the caller passes the cache file and its state ("fresh", "stale", "missing",
"disabled", …) and they are carried through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from erhverv_cli.discovery import CorpusLocation, display_path, find_schema_file
from erhverv_cli.paths import SCHEMA_FILE_NAME, case_files


@dataclass(frozen=True)
class CorpusInfo:
    """The corpus in use and what belongs to it."""

    corpus: CorpusLocation
    case_files: int
    schema_file: Path
    schema_bundled: bool  # True when the project has no schemas/case.schema.json of its own
    cache_file: Path | None
    cache_state: str

    def rows(self, cwd: Path | None = None) -> list[tuple[str, str]]:
        """Label and value pairs in reading order; paths relative to ``cwd`` when inside it."""
        corpus = self.corpus
        schema = display_path(self.schema_file, cwd) + (" (bundled)" if self.schema_bundled else "")
        cache = "-" if self.cache_file is None else display_path(self.cache_file, cwd)
        return [
            ("corpus", corpus.display(cwd)),
            ("chosen by", corpus.reason),
            ("config", "-" if corpus.config is None else display_path(corpus.config, cwd)),
            ("project root", "-" if corpus.root is None else display_path(corpus.root, cwd)),
            ("case files", str(self.case_files)),
            ("schema", schema),
            ("cache", f"{cache} ({self.cache_state})"),
        ]

    def to_json(self) -> dict[str, object]:
        """Absolute paths and plain values, for ``--format json``."""
        corpus = self.corpus

        def text(path: Path | None) -> str | None:
            return None if path is None else str(path)

        return {
            "path": str(corpus.path),
            "origin": corpus.origin,
            "reason": corpus.reason,
            "config": text(corpus.config),
            "root": text(corpus.root),
            "case_files": self.case_files,
            "schema_file": str(self.schema_file),
            "schema_bundled": self.schema_bundled,
            "cache_file": text(self.cache_file),
            "cache_state": self.cache_state,
        }


def corpus_info(corpus: CorpusLocation, cache_file: Path | None, cache_state: str) -> CorpusInfo:
    """Gather the report for ``corpus``; ``cache_file``/``cache_state`` come from the index owner."""
    schema = find_schema_file(corpus)
    own = corpus.root is not None and schema == corpus.root / "schemas" / SCHEMA_FILE_NAME
    return CorpusInfo(
        corpus=corpus,
        case_files=len(case_files(corpus.path)),
        schema_file=schema,
        schema_bundled=not own,
        cache_file=cache_file,
        cache_state=cache_state,
    )
