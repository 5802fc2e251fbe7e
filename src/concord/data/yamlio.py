"""YAML reading that remembers line numbers, so errors can name file, line and field.

Dates stay strings (the implicit timestamp resolver is removed): the parser checks
them itself and reports a bad date against its field instead of failing inside
the YAML library.

Parsing uses libyaml (``yaml.CSafeLoader``, about 10x faster) when PyYAML was built
with it; its nodes carry the same line marks. Any failure is parsed again with the
pure-Python loader, so every error message is the same with or without libyaml.
Nesting is capped (``MAX_DEPTH``) so a small hostile file cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from concord.model.errors import ConcordError


class LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


# Far deeper than any dossier or data file (they nest under 10 levels), far below
# Python's recursion limit for the composer and constructor frames per level.
MAX_DEPTH = 100


class _Loader(yaml.SafeLoader):
    """The pure-Python loader; it also reports every error (see the module docstring)."""

    _depth = 0
    _libyaml = False

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                problem = f"nested deeper than {MAX_DEPTH} levels"
                raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FastLoader: Any = None
if yaml.__with_libyaml__:  # pragma: no branch - PyYAML wheels ship libyaml

    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser with this module's constructors; valid input only."""

        _depth = 0
        _libyaml = True

        def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
            # libyaml marks an empty scalar tagged `!` as not implicit (a string);
            # the pure-Python parser resolves it like a plain one (null). Follow it.
            if kind is yaml.ScalarNode and value == "" and implicit == (False, False):
                implicit = (True, False)
            tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            return tag

    _FastLoader = _CLoader

_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _LibyamlDiffers(Exception):
    """libyaml read this text differently from PyYAML's scanner: use the latter."""


def _check(loader: Any, node: yaml.MappingNode | yaml.SequenceNode) -> None:
    """Bound construction depth too (libyaml allows 1,000 levels, our frames fewer).

    In a flow collection PyYAML's scanner ends a plain scalar at `?` (so `[a?b]` is a
    syntax error); libyaml keeps it. Such a document is handed back to PyYAML.
    """
    if loader._depth > MAX_DEPTH:
        raise ConcordError(
            f"nested deeper than {MAX_DEPTH} levels", where=f"line {node.start_mark.line + 1}"
        )
    if node.flow_style and loader._libyaml:
        kids = node.value if isinstance(node, yaml.SequenceNode) else sum(node.value, ())
        for kid in kids:
            if isinstance(kid, yaml.ScalarNode) and not kid.style and "?" in kid.value:
                raise _LibyamlDiffers


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader._depth += 1
    try:
        _check(loader, node)
        return _mapping(loader, node)
    finally:
        loader._depth -= 1


def _mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise ConcordError(
                "mapping keys must be plain values", where=f"line {key_node.start_mark.line + 1}"
            )
        if key in out:
            raise ConcordError(
                f"duplicate key {key!r}", where=f"line {key_node.start_mark.line + 1}"
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    loader._depth += 1
    try:
        _check(loader, node)
        out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    finally:
        loader._depth -= 1
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


for _cls in (_Loader, _FastLoader) if _FastLoader else (_Loader,):
    _cls.yaml_implicit_resolvers = _NO_TIMESTAMPS
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# Where libyaml reads differently from PyYAML's own scanner (found by comparing the
# two on generated text): tabs, `#` right after a block scalar header (`|#`), a byte
# order mark after the start (and `?` in flow scalars: see `_check`). Such text takes
# the pure-Python loader, so its verdict and message stay the same.
_LIBYAML_DIFFERS = re.compile(r"\t|[|>][-+0-9]*#|(?!^)\ufeff")


def parse_yaml(text: str, origin: str, *, fast: bool = True) -> Any:
    """Parse YAML text; syntax errors become a :class:`ConcordError` naming ``origin:line``.

    ``fast=False`` forces the pure-Python loader (the tests compare the two).
    """
    if fast and _FastLoader is not None and not _LIBYAML_DIFFERS.search(text):
        try:
            return yaml.load(text, Loader=_FastLoader)
        except (yaml.YAMLError, ConcordError, RecursionError, _LibyamlDiffers):
            pass  # parsed again below, for the pure-Python loader's exact message
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConcordError(f"malformed YAML: {problem}", where=f"{origin}{line}") from None
    except yaml.YAMLError as exc:
        raise ConcordError(f"malformed YAML: {exc}", where=origin) from None
    except ConcordError as exc:
        raise ConcordError(exc.message, where=f"{origin} {exc.where}") from None


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file with clear errors for missing, binary or non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConcordError("no such file", where=str(path)) from None
    except IsADirectoryError:
        raise ConcordError("expected a YAML file, got a directory", where=str(path)) from None
    except OSError as exc:
        raise ConcordError(f"cannot read file: {exc.strerror}", where=str(path)) from None
    return parse_yaml_bytes(raw, str(path))


def parse_yaml_bytes(raw: bytes, origin: str) -> Any:
    """Parse a file's contents: non-UTF-8 or binary bytes are errors naming ``origin``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConcordError("file is not valid UTF-8 text", where=f"{origin}:{line}") from None
    if "\x00" in text:
        raise ConcordError("file is binary, expected YAML text", where=origin) from None
    return parse_yaml(text, origin)


def line_of(doc: Any, path: Sequence[str | int]) -> int | None:
    """The line of the deepest element of ``path`` that exists in ``doc``."""
    line: int | None = getattr(doc, "line", None)
    node = doc
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
