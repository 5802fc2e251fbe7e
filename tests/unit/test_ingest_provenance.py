"""Reporting chains on short sentences written for these tests: outlets carry, states hold."""

from __future__ import annotations

import pytest

from concord.ingest.dates import read_date
from concord.ingest.pipeline import analyse
from concord.ingest.provenance import chain
from concord.ingest.text import fold
from concord.services.ingestion import ingest_text


def read(text: str) -> list[tuple[str, str, list[str]]]:
    article = analyse(text, dating=read_date("2023-06-06\n"))
    return [(s.actor, s.stance.value, [h.name for h in s.chain]) for s in article.statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kyodo, citing the Financial Times, said France opposed the plan.",
            [("FRA", "oppose", ["Kyodo", "Financial Times"])],
        ),
        (
            "According to Reuters, which cited two diplomats, France opposed the plan.",
            [("FRA", "oppose", ["Reuters", "two diplomats"])],
        ),
        ("According to two diplomats, Spain backs the bid.",
         [("ESP", "support", ["two diplomats"])]),
        ("Hungary backs the bid, two diplomats told Reuters.",
         [("HUN", "support", ["Reuters", "two diplomats"])]),
        (
            "Spain backs the bid, according to officials quoted on Monday by the Dutch news "
            "agency ANP.",
            [("ESP", "support", ["ANP", "officials"])],
        ),
        ("An aide told Belgian television that Belgium would block it.",
         [("BEL", "oppose", ["Belgian television", "An aide"])]),
    ],
)  # fmt: skip
def test_the_stance_is_the_reported_actors_and_the_chain_is_kept(
    text: str, expected: list[tuple[str, str, list[str]]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China's Xinhua news agency said the plan was not welcome.", []),
        ("France 24 reported that Germany supports the bid.", [("DEU", "support")]),
        ("Russian state news agency TASS said it opposed the draft.", []),
        ("French daily Le Monde criticised the plan.", []),
        ("Agence France-Presse said Italy had blocked the text.", [("ITA", "oppose")]),
    ],
)
def test_news_organisations_never_become_actors(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a, s) for a, s, _ in read(text)] == expected


def test_a_speaker_who_told_an_outlet_is_the_origin_not_a_hop() -> None:
    hops = chain(fold("Emmanuel Macron told AFP that France would block the plan."))
    assert [(h.name, h.kind) for h in hops] == [("AFP", "outlet")]
    assert chain(fold("France objects to the plan.")) == []


def test_the_chain_is_in_the_json_and_via_stays() -> None:
    text = "2023-06-06\nKyodo, citing the Financial Times, said France opposed the plan."
    [row] = ingest_text(text, "t.txt").statements
    assert row["chain"] == [
        {"name": "Kyodo", "kind": "outlet"},
        {"name": "Financial Times", "kind": "outlet"},
    ]
    assert row["via"] == ["Kyodo", "Financial Times"]
    assert row["actor"] == "FRA" and row["stance"] == "oppose"


def test_a_report_goes_on_into_the_next_sentence_only_when_it_says_so() -> None:
    assert read(
        "Kyodo reported on Tuesday, citing the Financial Times. It said France opposed it."
    ) == [("FRA", "oppose", ["Kyodo", "Financial Times"])]
    assert read("Reuters reported the talks. According to the report, Italy blocked the text.") == [
        ("ITA", "oppose", ["Reuters"])
    ]
    assert read(
        "Kyodo reported on Tuesday, citing the Financial Times. Spain backed the plan."
    ) == [("ESP", "support", [])]


def test_a_quote_attributed_to_a_named_person_of_a_named_state() -> None:
    assert [
        (a, s) for a, s, _ in read('"We will not support this," said Jan Novak, Czech minister.')
    ] == [("CZE", "oppose")]
    assert [(a, s) for a, s, _ in read('"We will block it," said Jan Novak, the Czech envoy.')] == [
        ("CZE", "oppose")
    ]
