"""A big gazetteer: forms found by index like the regex would, namesakes never guessed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from concord.data import officials as registry
from concord.ingest import lexicon as lexicon_module
from concord.ingest.dates import read_date
from concord.ingest.forms import FormIndex
from concord.ingest.pipeline import analyse


def test_form_index_finds_what_the_longest_first_alternation_finds() -> None:
    forms = ["Mark Rutte", "Rutte", "Mark", "O'Brien", "Ana Maria Pop", "Ana Maria", "Pop"]
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")
    index = FormIndex(forms)
    for text in [
        "Mark Rutte's bid: Rutte said, Marky Mark agreed.",
        "O'Brien met Ana Maria Popescu and Ana Maria Pop; Pop left.",
        "XMark Rutte2 Rutte_ Rutte",
    ]:
        assert list(index.finditer(text)) == [
            (m.start(), m.end(), m[0]) for m in regex.finditer(text)
        ]
    assert list(FormIndex(["Rome"], not_after=".").finditer("a.Rome Rome")) == [(7, 11, "Rome")]
    assert index.at("see Ana Maria Pop.", 4) == "Ana Maria Pop"
    assert index.at("see Ana Maria Pop.", 5) is None  # not at a word start
    assert list(FormIndex(["dpa", "Reuters"]).finditer("dpa and Reuters; adpa")) == [
        (0, 3, "dpa"),
        (8, 15, "Reuters"),
    ]
    with pytest.raises(ValueError):
        FormIndex(["1st Lord"])


ENTRY = """  - name: {name}
    aliases: [{alias}]
    actor: {actor}
    role: {role}
    kind: {kind}
    from: 2020-01-01
    to: 2025-12-31
    source: {{title: "test entry", url: "https://example.org/{actor}"}}
"""


@pytest.fixture
def namesakes(tmp_path: Path) -> Iterator[None]:
    """Two officials of different states, in office on the same days, share a surname."""
    text = "officials:\n" + ENTRY.format(
        name="Anna Testovic", alias="Testovic", actor="HRV", role="Foreign Minister",
        kind="foreign_minister",
    ) + ENTRY.format(
        name="Boris Testovic", alias="Testovic", actor="SRB", role="Defence Minister",
        kind="defence_minister",
    )  # fmt: skip
    (tmp_path / "test.yaml").write_text(text, encoding="utf-8")
    real = lexicon_module.gazetteer
    lexicon_module.gazetteer = lambda: registry.officials(tmp_path)  # type: ignore[assignment]
    lexicon_module.lexicon.cache_clear()
    yield
    lexicon_module.gazetteer = real  # type: ignore[assignment]
    lexicon_module.lexicon.cache_clear()


def stances(text: str) -> set[tuple[str, str]]:
    article = analyse(text, dating=read_date("2023-06-06\n"))
    return {(s.actor, s.stance.value) for s in article.statements}


@pytest.mark.usefixtures("namesakes")
def test_an_ambiguous_surname_alone_is_left_unresolved() -> None:
    assert lexicon_module.lexicon().officials_by_form["Testovic"][0].actor == "HRV"
    assert stances("Testovic objected to the plan.") == set()


@pytest.mark.usefixtures("namesakes")
def test_the_full_name_in_the_article_decides() -> None:
    assert stances("Boris Testovic objected to the plan.") == {("SRB", "oppose")}
    text = "Anna Testovic arrived in Oslo on Monday. Testovic objected to the plan."
    assert stances(text) == {("HRV", "oppose")}


@pytest.mark.usefixtures("namesakes")
def test_a_state_named_just_before_the_surname_decides() -> None:
    assert stances("Serbia's minister Testovic objected to the plan.") == {("SRB", "oppose")}


def test_one_person_in_two_offices_is_dated_not_guessed() -> None:
    # Mark Rutte: Dutch prime minister until July 2024, NATO Secretary General from October
    day = {"NLD": date(2023, 6, 1), "NATO": date(2025, 3, 1)}
    for actor, when in day.items():
        article = analyse("Rutte objected to the plan.", dating=read_date(f"{when}\n"))
        assert [s.actor for s in article.statements] == [actor]
    assert analyse("Rutte objected to the plan.").statements == []  # no date: either office
