"""Which proposal a statement is about: the holder's own name, synonyms, generic words,
and the stance a marked change leaves behind."""

from __future__ import annotations

from concord.ingest.dates import read_date
from concord.ingest.pipeline import analyse
from concord.ingest.proposals import KnownProposal, ProposalMatcher

FIN = KnownProposal("nato-accession-finland-2022", "NATO-NAC", "Admit Finland to NATO (accession)")
DEFEND_TUR = KnownProposal(
    "nato-plan-defence-turkey", "NATO-NAC", "Plan the defence of Turkey against an attack"
)
AID = KnownProposal("nato-aid-package-finland", "NATO-NAC", "Fund a support package for Finland")
MEETINGS = KnownProposal(
    "nato-commission-meetings", "NATO-NAC", "Convene ministerial meetings of the commission"
)
CORRIDOR = KnownProposal("eu-rail-corridor", "EU-COUNCIL", "Approve the Baltic rail corridor")


def about(text: str, known: list[KnownProposal]) -> set[tuple[str, str | None, str]]:
    article = analyse(text, known=known, dating=read_date("2023-01-10\n"))
    return {(s.actor, s.proposal, s.stance.value) for s in article.statements}


def test_the_holders_own_name_does_not_make_the_topic() -> None:
    got = about(
        "NATO allies met. Turkey lifted its objection to Finland's accession.", [FIN, DEFEND_TUR]
    )
    assert got == {("TUR", "nato-accession-finland-2022", "support")}


def test_the_holders_name_still_counts_when_nothing_else_does() -> None:
    got = about("NATO allies met on the defence plan. Turkey backed it.", [DEFEND_TUR, FIN])
    assert ("TUR", "nato-plan-defence-turkey", "support") in got


def test_one_idea_in_other_words_matches_the_proposal() -> None:
    matcher = ProposalMatcher([FIN, AID])
    text = "NATO allies met. Helsinki applied to join; its membership bid was welcomed."
    assert matcher.in_play(text, "NATO-NAC", 2023)[0] == FIN
    money = "NATO allies met. Allies discussed financial aid and funding for Helsinki."
    assert matcher.in_play(money, "NATO-NAC", 2023)[0] == AID


def test_generic_political_words_do_not_pick_a_proposal() -> None:
    got = about(
        "NATO allies met. Hungarian Prime Minister Viktor Orban said Hungary blocked Finland's "
        "accession.",
        [FIN, MEETINGS],
    )
    assert got == {("HUN", "nato-accession-finland-2022", "oppose")}


def test_a_marked_change_is_the_news_and_the_old_stance_its_history() -> None:
    text = (
        "NATO allies met. Turkey lifted its objection to Finland's accession on Tuesday. "
        "Turkey blocked the process for weeks, citing arms embargoes."
    )
    assert about(text, [FIN, CORRIDOR]) == {("TUR", "nato-accession-finland-2022", "support")}


def test_a_later_change_back_still_counts() -> None:
    text = (
        "NATO allies met. Turkey lifted its objection to Finland's accession in June. "
        "In October Turkey reimposed its veto on Finland's accession."
    )
    got = about(text, [FIN, CORRIDOR])
    assert got == {("TUR", "nato-accession-finland-2022", "oppose")}


def test_withdrawn_support_and_negated_changes() -> None:
    def one(text: str) -> set[tuple[str, str | None, str]]:
        return about("NATO allies met. " + text, [FIN, CORRIDOR])

    assert one("Hungary withdrew its support for Finland's accession.") == {
        ("HUN", "nato-accession-finland-2022", "oppose")
    }
    assert one("Turkey did not lift its veto on Finland's accession.") == {
        ("TUR", "nato-accession-finland-2022", "oppose")
    }
    assert one("Greece has not withdrawn its support for Finland's accession.") == {
        ("GRC", "nato-accession-finland-2022", "support")
    }


def test_repeated_past_acts_are_background_to_the_news() -> None:
    text = (
        "EU envoys met. Slovakia will not block the 18th sanctions package on Friday. "
        "Slovakia had vetoed the package six times before."
    )
    assert {(a, s) for a, _, s in about(text, [])} == {("SVK", "support")}


def test_a_vote_cast_stands_against_a_later_denial_but_a_plain_u_turn_counts() -> None:
    vetoed = (
        "The council met. The United States used its veto to stop the draft. "
        "The US said its vote did not reflect any opposition to the draft's aim."
    )
    assert {(a, s) for a, _, s in about(vetoed, [])} == {("USA", "oppose")}
    u_turn = "EU envoys met. Austria backed the package on Monday. Austria would not support it."
    assert {(a, s) for a, _, s in about(u_turn, [])} == {("AUT", "oppose")}
