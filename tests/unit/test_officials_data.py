"""The officials gazetteer: every built-in entry is well-formed, and bad entries are named."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from concord.data.officials import (
    FOLDER,
    KINDS,
    OfficialRecord,
    check_unique,
    officials,
    parse_term_date,
    read_officials_file,
    settle_successions,
)
from concord.model.errors import ConcordError

GOOD = """officials:
  - name: Ana Example
    actor: PRT
    role: Prime Minister
    kind: head_of_government
    from: 2019-03
    to: 2021
    source: {title: "t", url: "https://example.org/a"}
"""


def test_builtin_gazetteer_is_checked_and_spread_over_files() -> None:
    records = officials(FOLDER)
    assert len(records) >= 200
    assert {r.kind for r in records} <= set(KINDS)
    assert all(r.end is None or r.start <= r.end for r in records)
    macron = [r for r in records if r.name == "Emmanuel Macron" and r.kind == "head_of_state"]
    assert macron and macron[0].actor == "FRA" and macron[0].start == date(2017, 5, 14)


def test_month_and_year_precision_widen_to_the_whole_period() -> None:
    assert parse_term_date("2019-02", end=False) == date(2019, 2, 1)
    assert parse_term_date("2019-02", end=True) == date(2019, 2, 28)
    assert parse_term_date("2019-12", end=True) == date(2019, 12, 31)
    assert parse_term_date(2004, end=True) == date(2004, 12, 31)
    assert parse_term_date("2004", end=False) == date(2004, 1, 1)
    with pytest.raises(ValueError):
        parse_term_date("2019-13", end=False)


def test_a_good_file_reads_with_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (rec,) = read_officials_file(path)
    assert (rec.start, rec.end, rec.kind) == (
        date(2019, 3, 1),
        date(2021, 12, 31),
        "head_of_government",
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("actor: PRT", "actor: XYZ", 3, "field officials[0].actor: expected an ISO 3166-1 alpha-3"),
        ("kind: head_of_government", "kind: premier", 5, "officials[0].kind: expected one of"),
        ("from: 2019-03", "from: March 2019", 6, "officials[0].from: expected a date"),
        ("to: 2021", "to: 2018", 7, "officials[0].to: expected a date on or after from"),
        ('url: "https://example.org/a"', 'url: "see wiki"', 8, "officials[0].source: expected"),
        ("    kind:", "    knid:", 5, "officials[0].knid: expected one of"),
    ],
)
def test_bad_entries_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    assert old in GOOD
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(ConcordError) as err:
        read_officials_file(path)
    assert message in err.value.message
    assert err.value.where == f"{path}:{line}"


def test_the_same_term_in_two_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("Ana Example", "ana example"), encoding="utf-8")
    records = read_officials_file(tmp_path / "a.yaml") + read_officials_file(tmp_path / "b.yaml")
    with pytest.raises(ConcordError, match="listed twice"):
        check_unique(records)


def _term(name: str, start: str, end: str | None, kind: str = "foreign_minister") -> OfficialRecord:
    from concord.data.officials import _exact

    return OfficialRecord(
        name=name,
        aliases=(),
        actor="GRC",
        role="Minister",
        kind=kind,
        start=parse_term_date(start, end=False),
        end=None if end is None else parse_term_date(end, end=True),
        source_url="https://example.org",
        origin="x.yaml:1",
        start_exact=_exact(start),
        end_exact=end is not None and _exact(end),
    )


def test_an_exact_successor_start_closes_a_vague_or_open_term() -> None:
    old, new = settle_successions([_term("A", "2019-07-09", None), _term("B", "2023-06-27", None)])
    assert old.end == date(2023, 6, 26) and new.start == date(2023, 6, 27)
    old, _ = settle_successions([_term("A", "2015", "2019"), _term("B", "2019-07-09", None)])
    assert old.end == date(2019, 7, 8)


def test_an_exact_end_moves_a_vague_successor_start_even_past_a_caretaker() -> None:
    _, caretaker, second = settle_successions(
        [
            _term("A", "2018-10-17", "2019-02-18"),
            _term("C", "2019-02-18", "2019-07"),
            _term("B", "2019", "2023-06-27"),
        ]
    )
    assert second.start == date(2019, 2, 19)
    assert caretaker.end == date(2019, 7, 31)  # two vague boundaries: left as the data say


def test_offices_with_several_holders_are_left_alone() -> None:
    a, b = settle_successions(
        [
            _term("A", "2020-01-01", None, "spokesperson"),
            _term("B", "2021-01-01", None, "spokesperson"),
        ]
    )
    assert a.end is None and b.start == date(2021, 1, 1)


def test_no_two_exactly_dated_holders_of_one_office_overlap_by_more_than_a_week() -> None:
    from concord.data.officials import SINGLE_HOLDER

    terms: dict[tuple[str, str], list[OfficialRecord]] = {}
    for r in officials(FOLDER):
        if r.kind in SINGLE_HOLDER:
            terms.setdefault((r.actor, r.kind), []).append(r)
    clashes = []
    for group in terms.values():
        group.sort(key=lambda r: r.start)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                exact = b.start_exact and (a.end_exact or a.end is None)
                if a.name != b.name and exact and b.start < (a.end or date.max) - timedelta(days=7):
                    clashes.append(f"{a.name} ({a.origin}) / {b.name} ({b.origin})")
    assert clashes == []


def test_absent_offices_are_sourced_and_name_known_actors_and_kinds() -> None:
    from concord.data.catalog import actor_index
    from concord.data.officials import FOLDER, KINDS
    from concord.data.yamlio import read_yaml

    entries = read_yaml(FOLDER.parent / "offices_absent.yaml")["absent"]
    assert entries
    for entry in entries:
        assert entry["kind"] in KINDS
        assert all(actor_index().exists(a) for a in entry["actors"])
        assert entry["source"]["title"] and entry["source"]["url"].startswith("https://")
        assert entry["reason"]
