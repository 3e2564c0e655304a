"""The `erhverv` command line: the app (:mod:`.app`) with the commands of :mod:`.query`,
:mod:`.curate` and :mod:`.exporting` registered on it, in the order their help lists them."""

from __future__ import annotations

import erhverv_cli.cli.curate
import erhverv_cli.cli.exporting
import erhverv_cli.cli.query
from erhverv_cli.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `erhverv` console script."""
    app(prog_name="erhverv")
