"""YAML reading that remembers line numbers, so errors can name file, line and field.

Dates stay strings (the implicit timestamp resolver is removed): the parser checks
them itself and reports a bad date against its field instead of failing inside
the YAML library.
"""

from __future__ import annotations

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


# libyaml's parser when the wheel has it (4-5x faster on the officials gazetteer); the
# constructors below run either way, so line numbers and errors are the same.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
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


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, origin: str) -> Any:
    """Parse YAML text; syntax errors become a :class:`ConcordError` naming ``origin:line``."""
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConcordError("file is not valid UTF-8 text", where=f"{path}:{line}") from None
    if "\x00" in text:
        raise ConcordError("file is binary, expected YAML text", where=str(path)) from None
    return parse_yaml(text, str(path))


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
