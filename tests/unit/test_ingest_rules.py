"""Attribution, resolution and stance rules on short sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from concord.ingest.dates import dateline_length, read_date
from concord.ingest.detection import detect_proposal
from concord.ingest.pipeline import analyse
from concord.ingest.proposals import KnownProposal, ProposalMatcher


def stances(text: str, day: date | None = date(2023, 6, 6)) -> dict[str, str]:
    article = analyse(text, dating=read_date(f"{day.isoformat()}\n") if day else None)
    return {s.actor: s.stance.value for s in article.statements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France objects to the plan to open an office.", {"FRA": "oppose"}),
        ("Germany declined to block the proposal.", {"DEU": "support"}),
        ("Hungary could not support the draft framework.", {"HUN": "oppose"}),
        ("Slovakia can imagine supporting the candidate.", {"SVK": "support"}),
        (
            "Hungary will not agree to convene the commission until Kyiv restores minority rights.",
            {"HUN": "conditional"},
        ),
        (
            "Belgium will block the planning if there is a war.",
            {"BEL": "oppose"},
        ),
        ("China and India chose to abstain.", {"CHN": "neutral", "IND": "neutral"}),
        ("Spain, Italy and Portugal backed the text.", {"ESP": "support", "ITA": "support",
                                                        "PRT": "support"}),
        (
            "Austria blocked the accession. Later, Austria lifted its objection.",
            {"AUT": "support"},
        ),
    ],
)  # fmt: skip
def test_stance_rules(text: str, expected: dict[str, str]) -> None:
    assert stances(text) == expected


def test_passive_agent_after_by() -> None:
    assert stances("The bid was vetoed by Russia and Belarus.") == {
        "RUS": "oppose",
        "BLR": "oppose",
    }


def test_location_after_preposition_is_not_an_agent() -> None:
    assert stances("Poland supports an office in Japan.") == {"POL": "support"}


def test_speaker_resolved_through_demonym_title_and_remembered() -> None:
    text = (
        "Swedish Foreign Minister Anna Example met reporters. "
        "Example said the proposal was not welcome."
    )
    article = analyse(text)
    assert [(s.actor, s.stance.value, s.speaker) for s in article.statements] == [
        ("SWE", "oppose", "Anna Example")
    ]


JUNE_2023 = read_date("2023-06-06\n")


def test_an_official_who_reports_his_states_position_is_its_speaker() -> None:
    article = analyse(
        "Szijjártó said on Tuesday that Hungary would veto the plan.", dating=JUNE_2023
    )
    assert [(s.actor, s.stance.value, s.speaker) for s in article.statements] == [
        ("HUN", "oppose", "Péter Szijjártó")
    ]
    # a person of another state reporting it is not its speaker
    article = analyse(
        "Stoltenberg said on Tuesday that Hungary would veto the plan.", dating=JUNE_2023
    )
    assert [(s.actor, s.speaker) for s in article.statements] == [("HUN", None)]


def test_gazetteer_is_dated() -> None:
    # Stoltenberg spoke for Norway as prime minister (to 2013-10-16), for NATO as Secretary
    # General (2014-10-01 to 2024-10-01), and for neither in between
    text = "Jens Stoltenberg said the idea remained up for discussion."
    assert stances(text, date(2020, 1, 1)) == {"NATO": "unclear"}
    assert set(stances(text, date(2010, 1, 1))) == {"NOR"}
    assert stances(text, date(2014, 1, 1)) == {}


def test_metonyms_and_opposition_mps() -> None:
    assert stances("The Kremlin rejected the resolution.") == {"RUS": "oppose"}
    assert stances("Ankara backed the bid.") == {"TUR": "support"}
    text = "A Hungarian MP from the opposition party said Hungary opposes the move."
    assert stances(text) == {"HUN": "oppose"}  # the state, via the reported clause only
    assert stances("An opposition MP from Hungary criticised it.") == {}


def test_reported_speech_pronoun_and_quote() -> None:
    text = (
        "Chinese Foreign Ministry spokesman Wang Wenbin spoke on Tuesday. "
        '"The plan is not welcome in Asia," he said.'
    )
    assert stances(text) == {"CHN": "oppose"}


def test_noisy_dateline_is_flagged() -> None:
    reading = read_date("June 6, 2023, 2022 (EIRNS) - Text.")
    assert reading.published == date(2023, 6, 6)
    assert any("2022" in w for w in reading.warnings)
    partial = read_date(" date 2024-06 Body text.")
    assert partial.published is None
    assert any("partial" in w for w in partial.warnings)


def test_third_party_pronoun_is_not_the_speakers_stance() -> None:
    text = (
        '"The alliance should stay in its region," said Chinese Foreign Ministry spokesman '
        'Wang Wenbin. "They oppose military blocs in the region."'
    )
    assert stances(text) == {}
    text = (
        '"The alliance should stay in its region," said Chinese Foreign Ministry spokesman '
        'Wang Wenbin. "Asia has no need for a copy of the alliance."'
    )
    article = analyse(text, dating=read_date("2023-06-06\n"))
    assert [(s.actor, s.stance.value, s.speaker) for s in article.statements] == [
        ("CHN", "oppose", "Wang Wenbin")
    ]
    assert article.statements[0].evidence.startswith('"Asia has no need')


def test_they_after_a_named_subject_still_refers_to_it() -> None:
    assert stances("Germany and Italy have said they support the candidate.") == {
        "DEU": "support",
        "ITA": "support",
    }


def test_prepositional_against_and_phrasal_back_are_not_stances() -> None:
    assert stances("Finland and Sweden would back one another against threats.") == {}
    assert stances("Russia aims to roll back the alliance's expansion.") == {}
    assert stances("Spain has come out against the plan.") == {"ESP": "oppose"}


def test_dateline_is_stripped_from_evidence_but_offsets_are_kept() -> None:
    raw = "June 6, 2023, 2022 (EIRNS)—Norway objects to the plan to open an office in Oslo."
    article = analyse(raw)
    [s] = article.statements
    assert s.evidence == "Norway objects to the plan to open an office in Oslo."
    assert raw[s.offset : s.offset + len(s.evidence)] == s.evidence
    assert dateline_length("MADRID — Turkey has lifted its objection.") == len("MADRID — ")
    assert dateline_length("NATO allies met today.") == 0


def test_generated_proposal_id_is_a_stable_slug() -> None:
    text = "Hungary objects to a NATO proposal to open an office in Oslo, officials said."
    first = analyse(text, dating=read_date("2021-03-02\n")).statements[0]
    second = analyse(
        "Norway said it supports the NATO plan to open an office in Oslo.",
        dating=read_date("2021-05-09\n"),
    ).statements[0]
    assert first.proposal == second.proposal == "nato-oslo-office-2021"
    assert first.proposal_title == "Open an office in Oslo"
    assert detect_proposal("Nothing here.", None, None) is None


OFFICE = KnownProposal("nato-oslo-office-2023", "NATO-NAC", "Open a NATO liaison office in Oslo")
FIN = KnownProposal("nato-accession-finland-2022", "NATO-NAC", "Admit Finland to NATO (accession)")
SWE = KnownProposal("nato-accession-sweden-2022", "NATO-NAC", "Admit Sweden to NATO (accession)")
OLD = KnownProposal("nato-accession-finland-2003", "NATO-NAC", "Admit Finland to NATO")
EU = KnownProposal("eu-schengen-finland-2022", "EU-COUNCIL", "Admit Finland to Schengen")


def proposals(text: str, known: list[KnownProposal]) -> set[tuple[str, str | None, str]]:
    article = analyse(text, known=known, dating=read_date("2023-01-10\n"))
    return {(s.actor, s.proposal, s.stance.value) for s in article.statements}


def test_known_proposal_matched_by_identity_not_spelling() -> None:
    got = proposals(
        "NATO allies met. Turkey blocked the Swedish bid. Hungary ratified Helsinki's accession.",
        [FIN, SWE, OFFICE],
    )
    assert got == {
        ("TUR", "nato-accession-sweden-2022", "oppose"),
        ("SWE", "nato-accession-sweden-2022", "support"),  # "the Swedish bid" is Sweden's own
        ("HUN", "nato-accession-finland-2022", "support"),
    }


def test_several_proposals_in_one_sentence_and_applicants_own_bid() -> None:
    got = proposals(
        "NATO allies met. Finland and Sweden applied to join NATO. "
        "Turkey lifted its objection to the bids of Finland and Sweden.",
        [FIN, SWE],
    )
    assert got == {
        ("FIN", "nato-accession-finland-2022", "support"),
        ("SWE", "nato-accession-sweden-2022", "support"),
        ("TUR", "nato-accession-finland-2022", "support"),
        ("TUR", "nato-accession-sweden-2022", "support"),
    }


def test_other_year_and_other_body_are_discounted() -> None:
    matcher = ProposalMatcher([OLD, FIN, EU])
    text = "NATO allies met. Turkey ratified Finland's accession to the alliance."
    assert matcher.in_play(text, "NATO-NAC", 2023) == [FIN]


def test_gazetteer_titles_resolve_on_the_article_date() -> None:
    text = "Foreign Minister Wang Yi said the plan was not welcome."
    assert stances(text, date(2023, 3, 1)) == {}  # Qin Gang held the post then
    assert stances(text, date(2024, 3, 1)) == {"CHN": "oppose"}
    assert stances("Sergey Lavrov rejected the draft.", date(2022, 9, 30)) == {"RUS": "oppose"}
