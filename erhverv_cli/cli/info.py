"""`erhverv info`: the corpus in use, why it was chosen, and the state of its index cache."""

from __future__ import annotations

from erhverv_cli.render.terminal import plain_table
from erhverv_cli.render.text import json_text


def corpus_report(data_dir: str | None, no_cache: bool, output_format: str) -> str:
    """The report as text (like `pip config debug`) or JSON."""
    from erhverv_cli.discovery import find_corpus
    from erhverv_cli.info import corpus_info
    from erhverv_cli.search.cache import status

    corpus = find_corpus(data_dir)
    cache_file, state = status(corpus.path, use_cache=not no_cache)
    info = corpus_info(corpus, cache_file, state)
    if output_format == "json":
        return json_text(info.to_json(), indent=2) + "\n"
    return plain_table(("", ""), info.rows()).split("\n", 1)[1]
