"""Where each article of a batch was published: ``concord ingest FOLDER --urls urls.txt``.

A saved article has lost its address, and the address often carries the one reliable date
(``/2023/06/06/``). The list gives it back, one line per article: the file's name (or its
path as given) and its URL, separated by spaces, a tab or a comma; ``#`` starts a comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from concord.model.errors import ConcordError

_LINE = re.compile(r"\s*(?P<name>.+?)\s*[,\t ]\s*(?P<url>https?://\S+)\s*")


def read_url_list(path: Path) -> dict[str, str]:
    """Article name → URL; a line that is neither blank, comment nor "NAME URL" is an error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConcordError(f"cannot read the URL list: {exc}", where=str(path)) from None
    out: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0] if not raw.lstrip().startswith("http") else raw
        if not line.strip():
            continue
        m = _LINE.fullmatch(line)
        if m is None:
            raise ConcordError(
                "expected '<article file name> <http(s) URL>'", where=f"{path}:{number}"
            )
        name = m.group("name").strip().strip('"')
        if name in out and out[name] != m.group("url"):
            raise ConcordError(
                f"{name} is given two URLs ({out[name]} and {m.group('url')})",
                where=f"{path}:{number}",
            )
        out[name] = m.group("url")
    return out


def match_urls(files: Sequence[str], urls: dict[str, str]) -> tuple[list[str | None], list[str]]:
    """Each file's URL (by path as given, else by file name), and the names that matched none."""
    by_name: dict[str, list[str]] = {}
    for f in files:
        by_name.setdefault(Path(f).name, []).append(f)
    used: set[str] = set()
    out: list[str | None] = []
    for f in files:
        key = f if f in urls else Path(f).name if Path(f).name in urls else None
        if key is not None and key == Path(f).name and len(by_name[key]) > 1 and f not in urls:
            raise ConcordError(
                f"{key} names {len(by_name[key])} input files: give their paths in the URL list",
                where="--urls",
            )
        out.append(urls[key] if key is not None else None)
        if key is not None:
            used.add(key)
    return out, sorted(set(urls) - used)
