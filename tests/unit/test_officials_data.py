"""The officials gazetteer: every built-in entry is well-formed, and bad entries are named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from concord.data.officials import (
    FOLDER,
    KINDS,
    check_unique,
    officials,
    parse_term_date,
    read_officials_file,
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
