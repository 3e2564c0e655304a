"""The `erhverv` Typer app: runs a command and turns every way it can end into an exit code.

Exit codes: 0 ok, 1 invalid data or nothing found, 2 usage or internal error, 130 interrupted.
Every error is printed in one style, ours and click's alike: ``erhverv: error: MESSAGE`` and
at most one hint line. Click's usage errors are worded here; every other error goes through
:func:`erhverv_cli.entry.exit_status`, which the fast path of the console script uses too.
Commands live in :mod:`.query`, :mod:`.curate` and :mod:`.exporting`; each is a few lines:
parse, call the core, render. Heavy modules are imported inside commands, so ``--help`` and
``--version`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from erhverv_cli import __version__
from erhverv_cli.commands import SESSION
from erhverv_cli.entry import after_damage, check_arguments, damaged, exit_status
from erhverv_cli.errors import ErhvervError, UsageError
from erhverv_cli.render.messages import print_error, reset_warnings

F = TypeVar("F", bound=Callable[..., Any])
# Per run: the global options, and whether a damaged cache was healed already (commands.SESSION
# holds the index the command opened and whether output began).
STATE: dict[str, Any] = {"debug": False, "color": "auto", "healed": False}
PANELS = {"query": "Query", "curate": "Curate", "export": "Export"}
OPTIONAL_VALUE = {"--fields"}  # options that may be given without a value


def _click_exceptions() -> Any:
    try:
        from typer._click import exceptions
    except ImportError:  # Typer on the click package
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


class _Healed(Exception):
    """The index cache was found damaged before any output and is rebuilt: run the command again."""


def _after_damage(error: BaseException) -> None:
    """A cache SQLite found damaged mid-command: rebuilt, and the command run once more if nothing
    was printed yet (:func:`erhverv_cli.entry.after_damage`)."""
    code = after_damage(error, retried=STATE["healed"])
    if code is None:
        STATE.update(healed=True)
        raise _Healed
    raise typer.Exit(code)


def _usage_message(error: Any, group: Any = None, arguments: Sequence[str] = ()) -> tuple[str, str]:
    """Click's usage errors in our words: no usage box, a lower-case message, one hint."""
    exceptions = _click_exceptions()
    message = error.format_message().strip()
    name = _command_name(group, arguments)
    if getattr(error, "ctx", None) is None and isinstance(error, exceptions.BadOptionUsage):
        # Click raises this without a context: the option is the command's only when the command
        # has it and it comes after the command (`erhverv --debug=1 list` is about erhverv's --debug).
        name = _owner(group, name, error.option_name, arguments)
    command = error.ctx.command_path if getattr(error, "ctx", None) is not None else f"erhverv {name}".strip()
    hint = f"`{command} --help` shows the options and examples"
    if isinstance(error, exceptions.BadOptionUsage) and "requires" in message:
        # Say what the option takes, from the help of the command it belongs to.
        message = f"{error.option_name} needs a value"
        option = _option(group, name, error.option_name)
        if option is not None and option.metavar:
            hint = f"{error.option_name} {option.metavar}: {(option.help or '').rstrip('.')}"
    elif isinstance(error, exceptions.NoSuchOption):
        message = f"no such option: {error.option_name}"
        before = error.ctx is not None and error.ctx.parent is None  # among the group's options
        if before and _first_option(group, error.option_name) is not None:
            # `erhverv --lang en list`: a command's option given before the command.
            hint = f"{error.option_name} is an option of the commands: give it after the command"
            if name and _option(group, name, error.option_name) is not None:
                hint += f" (erhverv {name} {error.option_name} …)"
        elif not before and (own := _option(group, "", error.option_name)) is not None:
            # `erhverv list --debug`: an option of erhverv itself given after the command.
            hint = f"{error.option_name} is an option of erhverv itself: give it before the command"
            usage = " ".join(part for part in (error.option_name, own.metavar, name) if part)
            hint += f" (erhverv {usage} …)" if name else ""
        elif close := _close_options(error):
            hint = "did you mean " + " or ".join(close) + "?"
        elif others := sorted(
            c for c in getattr(group, "commands", {}) if _option(group, c, error.option_name)
        ):
            # `erhverv list --approach x`: an option of other commands (click's own guess was --no-cache)
            hint = f"{error.option_name} is an option of erhverv " + ", ".join(others)
    elif " Did you mean " in message:
        message, _, suggestion = message.partition(" Did you mean ")
        hint = f"did you mean {suggestion.rstrip('?')}?"
    message = message.rstrip(".")
    return message[:1].lower() + message[1:], hint


def _close_options(error: Any) -> list[str]:
    """Options of the command spelt like the unknown one (our did-you-mean, not click's looser one)."""
    from erhverv_cli.suggest import closest

    return closest(error.option_name, error.possibilities or [], limit=2)


def _command_name(group: Any, arguments: Sequence[str]) -> str:
    """The command a command line names ('' when none: the error is about the group's options)."""
    commands = getattr(group, "commands", {})
    return next((arg for arg in arguments if arg in commands), "")


def _owner(group: Any, name: str, flag: str, arguments: Sequence[str]) -> str:
    """The command an option of a command line belongs to: ``name`` when that command has the
    option and it is given after the command's name, else '' (the group's own options)."""
    if not name or _option(group, name, flag) is None:
        return ""
    attached = f"{flag}=" if flag.startswith("--") else flag  # --debug=1, -n3
    given = (position for position, arg in enumerate(arguments) if arg == flag or arg.startswith(attached))
    return name if next(given, len(arguments)) > list(arguments).index(name) else ""


def _option(group: Any, name: str, flag: str) -> Any:
    """The option `flag` of command `name` (of the group itself when name is ''), or None."""
    command = group.commands.get(name) if group is not None and name else group
    params = getattr(command, "params", [])
    return next((param for param in params if flag in getattr(param, "opts", ())), None)


def _first_option(group: Any, flag: str) -> Any:
    """The option `flag` of any command, or None."""
    for name in getattr(group, "commands", {}):
        found = _option(group, name, flag)
        if found is not None:
            return found
    return None


def _with_optional_values(args: Sequence[str]) -> list[str]:
    out = list(args)
    for position, arg in enumerate(out):
        if arg in OPTIONAL_VALUE and (position + 1 == len(out) or out[position + 1].startswith("-")):
            out[position] = f"{arg}="
    return out


class ErhvervGroup(TyperGroup):
    """Runs a command and turns every way it can end into an exit code and one message."""

    def list_commands(self, ctx: Any) -> list[str]:
        order = list(PANELS.values())
        return sorted(self.commands, key=lambda name: order.index(_panel(self.commands[name])))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands under three headings: query, curate, export."""
        for panel in PANELS.values():
            rows = [
                (name, command.get_short_help_str(limit=formatter.width - 24))
                for name, command in self.commands.items()
                if _panel(command) == panel and not command.hidden
            ]
            if rows:
                with formatter.section(f"{panel} commands"):
                    formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        if not extra.pop("keep_warnings", False):  # kept: those the console script's fast path said
            reset_warnings()
        exceptions = _click_exceptions()
        arguments = self._exclusions(_with_optional_values(sys.argv[1:] if args is None else args))
        STATE.update(healed=False)
        SESSION.update(index=None, written=False)
        try:
            check_arguments(arguments)
            try:
                result = super().main(
                    args=list(arguments), prog_name=prog_name or "erhverv", standalone_mode=False, **extra
                )
            except _Healed:  # once: a second damage ends in an error (see _after_damage)
                result = super().main(
                    args=list(arguments), prog_name=prog_name or "erhverv", standalone_mode=False, **extra
                )
            code = result if isinstance(result, int) else 0
        except exceptions.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                sys.stdout.write(error.format_message() + "\n")
                code = 0
            else:
                print_error(*_usage_message(error, self, arguments))
                code = 2
        except (typer.Abort, EOFError):
            sys.stderr.write("\n")
            print_error("aborted")
            code = 130
        except ErhvervError as error:
            said = exit_status(error)
            code = 2 if said is None else said
        sys.exit(code)

    def _exclusions(self, arguments: list[str]) -> list[str]:
        """`find netværk -klynge`: a -word that is no option of find excludes the word (passed on
        as --exclude), so the shell's way of writing it works without quoting: any word of two
        characters or more (-2012, -title:klynge, -"offentlig-privat"). A short option takes its
        value after a space (-k Koge, not -kKoge); "--sort -year" stays a value."""
        command = next((arg for arg in arguments if not arg.startswith("-")), None)
        if command != "find" or "find" not in self.commands:
            return arguments
        params = self.commands["find"].params
        known = {name for param in params for name in getattr(param, "opts", [])}
        valued = {name for param in params if not getattr(param, "is_flag", True) for name in param.opts}
        out: list[str] = []
        positional = value_next = False
        for arg in arguments:
            word = len(arg) > 2 and arg[0] == "-" and arg[1] != "-" and not arg[1].isspace()
            excluded = word and not positional and not value_next and arg not in known
            out.append(f"--exclude={arg[1:]}" if excluded else arg)
            positional = positional or arg == "--"
            value_next = not positional and arg in valued
        return out

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ErhvervError, _Healed, _click_exceptions().ClickException):
            raise
        except (KeyboardInterrupt, Exception) as error:
            if damaged(error):
                _after_damage(error)
            code = exit_status(error, debug=STATE["debug"])
            if code is None:  # --debug: the traceback
                raise
            raise typer.Exit(code) from None


def _panel(command: Any) -> str:
    return str(getattr(command, "rich_help_panel", None) or PANELS["query"])


app = typer.Typer(
    name="erhverv",
    cls=ErhvervGroup,
    help="Find, compare and curate good-practice cases of Danish municipal business promotion "
    "(kommunal erhvervsfremme).",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def command(name: str, panel: str) -> Callable[[F], F]:
    """Register a command under a help panel (query, curate, export)."""

    def decorate(function: F) -> F:
        app.command(name, rich_help_panel=PANELS[panel])(function)
        return function

    return decorate


def _version(value: bool) -> None:
    if value:
        typer.echo(f"erhverv {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    color: Annotated[
        str,
        typer.Option(
            "--color", metavar="WHEN", help="Colour: auto, always or never (NO_COLOR and FORCE_COLOR count)."
        ),
    ] = "auto",
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the full traceback of an unexpected error.", envvar="ERHVERV_DEBUG"
        ),
    ] = False,
) -> None:
    """Find, compare and curate good-practice cases of Danish municipal business promotion.

    The corpus is found from where you stand: --data-dir, then ERHVERV_DATA_DIR, then an
    erhverv.toml (or [tool.erhverv] in pyproject.toml) upward, then data/cases up to the
    repository root, then the bundled 18 cases of the 2014 IRIS Group catalogue.
    `erhverv info` says which one is in use.
    """
    from erhverv_cli.arguments import choice

    STATE["debug"] = debug or os.environ.get("ERHVERV_DEBUG", "") not in ("", "0")
    STATE["color"] = choice("--color", color, ("auto", "always", "never"))


def guard_usage(condition: bool, message: str, hint: str = "") -> None:
    """Raise our usage error when a condition on the arguments fails."""
    if not condition:
        raise UsageError(message, hint=hint)
