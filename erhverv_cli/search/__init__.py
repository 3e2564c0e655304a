"""Danish-aware search over a corpus: text analysis, the SQLite index, queries and ranking."""
