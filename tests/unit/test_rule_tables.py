"""Table tests: rule × scenario × expected verdict (STYLE.md §6)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from concord.model.rules import get_rule
from concord.model.verdict import evaluate
from tests import situations as s

S, O, N, C = "support", "oppose", "neutral", "conditional"


def _all(codes: list[str], stance: str) -> dict[str, str]:
    return dict.fromkeys(codes, stance)


CONSENSUS_CASES = [
    # (name, positions, expected status, expected blockers)
    ("everyone consents", _all(s.ALLIES, S), "adopted", []),
    ("one objection blocks", {**_all(s.ALLIES, S), "BEL": O}, "blocked", ["BEL"]),
    (
        "two objections: both block",
        {**_all(s.ALLIES, S), "BEL": O, "EST": O},
        "blocked",
        ["BEL", "EST"],
    ),
    ("one silent member: pending", {**_all(s.ALLIES[:4], S)}, "pending", []),
    ("neutral is not consent", {**_all(s.ALLIES[:4], S), "EST": N}, "pending", []),
    ("conditional is undecided", {**_all(s.ALLIES[:4], S), "EST": C}, "pending", []),
    ("nobody spoke", {}, "pending", []),
]


@pytest.mark.parametrize(("name", "positions", "status", "blockers"), CONSENSUS_CASES)
def test_consensus(name: str, positions: dict[str, str], status: str, blockers: list[str]) -> None:
    v = evaluate(s.dossier(positions), s.body(s.ALLIES, "consensus"), get_rule("consensus"), s.DAY)
    assert v.status.value == status, name
    assert list(v.blockers) == blockers, name


UNANIMITY_CASES = [
    ("all yes", _all(s.ALLIES, S), "adopted", []),
    ("abstention does not block", {**_all(s.ALLIES, S), "CAN": N}, "adopted", []),
    ("all abstain but one", {**_all(s.ALLIES, N), "AUT": S}, "adopted", []),
    ("one no blocks", {**_all(s.ALLIES, S), "CAN": O}, "blocked", ["CAN"]),
    ("undecided member: pending", {**_all(s.ALLIES[:4], S)}, "pending", []),
]


@pytest.mark.parametrize(("name", "positions", "status", "blockers"), UNANIMITY_CASES)
def test_unanimity(name: str, positions: dict[str, str], status: str, blockers: list[str]) -> None:
    v = evaluate(s.dossier(positions), s.body(s.ALLIES, "unanimity"), get_rule("unanimity"), s.DAY)
    assert v.status.value == status, name
    assert list(v.blockers) == blockers, name


COUNCIL = s.P5 + s.ELECTED


def _council(yes: list[str], no: list[str] = (), abstain: list[str] = ()) -> dict[str, str]:  # type: ignore[assignment]
    return {**_all(yes, S), **_all(list(no), O), **_all(list(abstain), N)}


UNSC_CASES = [
    # rule, positions, status, blockers
    ("non-procedural", _council(COUNCIL), "adopted", []),
    ("non-procedural", _council(COUNCIL[1:], no=["CHN"]), "blocked", ["CHN"]),
    ("non-procedural", _council(COUNCIL[1:], abstain=["CHN"]), "adopted", []),  # abstention no veto
    ("non-procedural", _council(COUNCIL[:8], abstain=COUNCIL[8:]), "blocked", []),  # only 8 votes
    (
        "non-procedural",
        _council(s.ELECTED[:9] + ["USA"], no=["RUS"], abstain=["CHN"]),
        "blocked",
        ["RUS"],
    ),
    ("procedural", _council(s.ELECTED[:9], no=["RUS", "CHN"]), "adopted", []),  # no veto
    ("procedural", _council(s.ELECTED[:8], no=["RUS", "CHN"]), "pending", []),
    ("procedural", _council(s.ELECTED[:9], no=s.P5 + s.ELECTED[9:]), "adopted", []),
    (
        "procedural",
        _council(s.ELECTED[:2], no=s.P5 + s.ELECTED[2:7]),
        "blocked",
        s.P5 + s.ELECTED[2:7],
    ),
]


@pytest.mark.parametrize(("rule", "positions", "status", "blockers"), UNSC_CASES)
def test_security_council(
    rule: str, positions: dict[str, str], status: str, blockers: list[str]
) -> None:
    body = s.body(COUNCIL, rule, permanent=s.P5)
    v = evaluate(s.dossier(positions), body, get_rule(rule), s.DAY)
    assert v.status.value == status
    assert sorted(v.blockers) == sorted(blockers)


EU = s.EU_LARGE + s.EU_SMALL


def _eu(no: list[str], abstain: list[str] = (), undecided: list[str] = ()) -> dict[str, str]:  # type: ignore[assignment]
    rest = [m for m in EU if m not in no and m not in abstain and m not in undecided]
    return {**_all(rest, S), **_all(no, O), **_all(list(abstain), N)}


EU_CASES = [
    ("qmv", "three largest oppose alone: deemed attained", _eu(s.EU_LARGE), "adopted", []),
    ("qmv", "three largest and one small oppose: blocked", _eu(s.EU_LARGE + ["MLT"]), "blocked",
     s.EU_LARGE + ["MLT"]),
    ("qmv", "abstention counts as not in favour", _eu(s.EU_LARGE, abstain=["MLT"]), "blocked",
     s.EU_LARGE),
    ("qmv", "thirteen small oppose: too few members in favour", _eu(s.EU_SMALL[:13]), "blocked",
     s.EU_SMALL[:13]),
    ("qmv", "three undecided large states cannot block", _eu([], undecided=s.EU_LARGE), "adopted",
     []),
    ("qmv", "four undecided incl. the large: pending", _eu([], undecided=[*s.EU_LARGE, "MLT"]),
     "pending", []),
    ("qmv-reinforced", "eight oppose: 19 of 27 < 72 %", _eu(s.EU_SMALL[:8]), "blocked", s.EU_SMALL[:8]),
    ("qmv-reinforced", "seven oppose: 20 of 27 ≥ 72 %", _eu(s.EU_SMALL[:7]), "adopted", []),
    ("qmv-reinforced", "three largest oppose: no four-member clause", _eu(s.EU_LARGE), "blocked",
     s.EU_LARGE),
    ("constructive-abstention", "nine small abstain: population under a third", _eu([], abstain=s.EU_SMALL[:9]),
     "adopted", []),
    ("constructive-abstention", "nine abstain with the large: act falls",
     _eu([], abstain=s.EU_LARGE + s.EU_SMALL[:6]), "blocked", []),
    ("constructive-abstention", "one no blocks", _eu(["LUX"]), "blocked", ["LUX"]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "name", "positions", "status", "blockers"), EU_CASES)
def test_eu_council(
    rule: str, name: str, positions: dict[str, str], status: str, blockers: list[str]
) -> None:
    body = s.body(EU, rule, population=s.EU_POPULATION)
    v = evaluate(s.dossier(positions), body, get_rule(rule), s.DAY)
    assert v.status.value == status, name
    assert sorted(v.blockers) == sorted(blockers), name


MAJORITY_CASES = [
    ("simple-majority", {"AUT": S, "BEL": S, "CAN": O, "DNK": N, "EST": N}, "adopted"),
    ("simple-majority", {"AUT": S, "BEL": O, "CAN": O, "DNK": N, "EST": S}, "blocked"),
    ("absolute-majority", {"AUT": S, "BEL": S, "CAN": N, "DNK": N, "EST": N}, "blocked"),
    ("absolute-majority", {"AUT": S, "BEL": S, "CAN": S, "DNK": O, "EST": O}, "adopted"),
    ("absolute-majority", {"AUT": S, "BEL": S}, "pending"),
]


@pytest.mark.parametrize(("rule", "positions", "status"), MAJORITY_CASES)
def test_majorities(rule: str, positions: dict[str, str], status: str) -> None:
    v = evaluate(s.dossier(positions), s.body(s.ALLIES, rule), get_rule(rule), s.DAY)
    assert v.status.value == status


WEIGHTS = {"AUT": 50, "BEL": 30, "CAN": 10, "DNK": 5, "EST": 5}


@pytest.mark.parametrize(
    ("positions", "status", "needed"),
    [
        ({"AUT": S, "BEL": S}, "adopted", []),
        ({"AUT": S}, "pending", ["BEL"]),
        ({"BEL": S, "CAN": S, "DNK": S, "EST": S, "AUT": O}, "blocked", ["AUT"]),
        ({"AUT": S, "BEL": O}, "pending", ["BEL"]),  # one member beats three
        ({"AUT": S, "BEL": O, "CAN": O}, "blocked", ["BEL"]),  # 50 + 10 undecided < 70
    ],
)
def test_weighted_quota(positions: dict[str, str], status: str, needed: list[str]) -> None:
    body = s.body(s.ALLIES, "weighted-quota", weights=WEIGHTS, quota=70)
    v = evaluate(s.dossier(positions), body, get_rule("weighted-quota"), s.DAY)
    assert v.status.value == status
    assert list(v.needed) == needed


def test_silence_procedure_silent_members_consent_after_deadline() -> None:
    deadline = datetime(2024, 5, 20, 11, 0, tzinfo=UTC)
    positions = {"AUT": S, "BEL": S}
    body = s.body(s.ALLIES, "consensus")
    before = evaluate(s.dossier(positions, on=s.date(2024, 5, 19), deadline=deadline), body,
                      get_rule("consensus"), s.date(2024, 5, 19))  # fmt: skip
    after = evaluate(s.dossier(positions, deadline=deadline), body, get_rule("consensus"), s.DAY)
    assert before.status.value == "pending"
    assert after.status.value == "adopted"
    assert after.consented_by_silence == ("CAN", "DNK", "EST")
    assert after.supporters == ("AUT", "BEL")


def test_silence_broken_before_deadline_blocks() -> None:
    deadline = datetime(2024, 5, 20, 11, 0, tzinfo=UTC)
    body = s.body(s.ALLIES, "consensus")
    v = evaluate(s.dossier({"EST": O}, deadline=deadline), body, get_rule("consensus"), s.DAY)
    assert v.status.value == "blocked"
    assert v.blockers == ("EST",)


def test_reservation_consents_and_is_listed() -> None:
    d = s.dossier(_all(s.ALLIES, S))
    statements = tuple(
        st if st.actor != "DNK" else type(st)(st.actor, st.stance, st.date, reservation="footnote")
        for st in d.statements
    )
    d = type(d)(proposal=d.proposal, statements=statements)
    v = evaluate(d, s.body(s.ALLIES, "consensus"), get_rule("consensus"), s.DAY)
    assert v.status.value == "adopted"
    assert [(r.actor, r.text) for r in v.reservations] == [("DNK", "footnote")]
