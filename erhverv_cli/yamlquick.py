"""The quick way through :func:`erhverv_cli.yamlsafe.parse_yaml` for a clean file.

Building a value's place (line and column, under its path) for every value of a case file costs
more than parsing it. The places are only read when something is wrong, and nearly every file
is clean, so this builder makes the same values from the same parser events without them. It
keeps the places of the root and of the top-level values (``id`` and ``number`` anchor the
checks across files), and it gives up, raising :class:`Unusual`, at anything the careful builder
would report: an anchor, a tag or an alias, a number written with thousands points ('75.000'), a
duplicate key, a collection used as a key, nesting beyond the limit, a second document, an empty
stream, a syntax error. The caller then parses the careful way, which finds and places the problem.
"""

from __future__ import annotations

from typing import Any

from erhverv_cli.yamlsafe import GROUPED_NUMBER, Path, Position, YamlDocument, resolve_plain


class Unusual(Exception):
    """Something the careful builder must see: it reports it, with its place."""


def read_quickly(doc: YamlDocument, text: str, max_depth: int) -> bool:
    """Fill ``doc`` the quick way (``doc.places`` becomes False); False, with ``doc`` untouched,
    for a file the careful builder must read."""
    try:
        doc.data, doc.values = quick_values(text, max_depth)
    except Unusual:
        return False
    doc.places = False
    return True


def quick_values(text: str, max_depth: int) -> tuple[Any, dict[Path, Position]]:
    """The value of a clean one-document YAML text (typed as the careful builder types it), and
    the places of the root and the top-level values; :class:`Unusual` for anything else."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    scalar, alias, document = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    starts = {yaml.MappingStartEvent: dict, yaml.SequenceStartEvent: list}
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[list[Any]] = []  # frames: [container, pending key, place (of a top-level value)]
    places: dict[Path, Position] = {}
    root: Any = None
    documents = 0
    try:
        next_event = loader.get_event
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is scalar:
                if event.anchor or event.tag is not None:
                    raise Unusual
                value = event.value
                if not event.style and event.implicit[0]:
                    resolved = resolve_plain(value)
                    # A key stays text as written ("1:" is the key '1'), as the careful builder has it.
                    if resolved.__class__ is str or not _awaits_key(stack):
                        if resolved.__class__ is float and GROUPED_NUMBER.match(value):
                            raise Unusual  # '75.000': the careful builder refuses the guess
                        value = resolved
                place = event.start_mark if len(stack) < 2 else None
            elif kind in starts:
                if event.anchor or event.tag is not None or _awaits_key(stack) or len(stack) >= max_depth:
                    raise Unusual
                stack.append([starts[kind](), None, event.start_mark if len(stack) < 2 else None])
                continue
            elif kind in ends:
                value, _key, place = stack.pop()
            elif kind is document:
                documents += 1
                if documents > 1:
                    raise Unusual
                continue
            elif kind is alias:
                raise Unusual
            else:
                continue  # the stream's start and end, a document's end
            if not stack:
                root = value
                places[()] = _position(place)
                continue
            frame = stack[-1]
            container = frame[0]
            if container.__class__ is list:
                if len(stack) == 1:
                    places[(len(container),)] = _position(place)
                container.append(value)
            elif frame[1] is None:
                if value in container:
                    raise Unusual  # a duplicate key
                frame[1] = value
            else:
                container[frame[1]] = value
                if len(stack) == 1:
                    places[(frame[1],)] = _position(place)
                frame[1] = None
    except yaml.YAMLError:
        raise Unusual from None
    finally:
        loader.dispose()
    if documents == 0:
        raise Unusual
    return root, places


def _awaits_key(stack: list[list[Any]]) -> bool:
    return bool(stack) and stack[-1][0].__class__ is dict and stack[-1][1] is None


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)
