"""The `erhverv` command line: the app (:mod:`.app`) with the commands of :mod:`.query`,
:mod:`.curate` and :mod:`.exporting` registered on it, in the order their help lists them."""

from __future__ import annotations

from erhverv_cli.cli import curate as curate
from erhverv_cli.cli import exporting as exporting

# Importing a command module registers its commands on the app; --help groups them by panel.
from erhverv_cli.cli import query as query
from erhverv_cli.cli.app import app

__all__ = ["app", "curate", "exporting", "main", "query"]


def main(keep_warnings: bool = False) -> None:
    """Run the app on the command line (the console script's fast path, :mod:`erhverv_cli.entry`,
    calls it when it does not answer; ``keep_warnings``: those the fast path said are not repeated)."""
    app(prog_name="erhverv", keep_warnings=keep_warnings)
