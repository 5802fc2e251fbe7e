"""Property tests over random bodies and positions (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from concord.model.body import Body
from concord.model.dossier import Dossier, Proposal, Statement
from concord.model.rules import get_rule
from concord.model.stance import Stance
from concord.model.verdict import Status, evaluate
from tests import situations as s

CODES = s.EU_LARGE + s.EU_SMALL  # 27 valid ISO codes to draw members from
STANCES = [x.value for x in Stance]
RULES = [
    "consensus",
    "unanimity",
    "constructive-abstention",
    "qmv",
    "qmv-reinforced",
    "non-procedural",
    "procedural",
    "simple-majority",
    "absolute-majority",
    "weighted-quota",
]


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Body, str, dict[str, str]]:
    rule = draw(st.sampled_from(RULES))
    n = draw(st.integers(min_value=1, max_value=12))
    members = draw(st.permutations(CODES))[:n]
    weights = {m: draw(st.integers(min_value=1, max_value=20)) for m in members}
    body = s.body(
        members,
        rule,
        permanent=members[: draw(st.integers(0, min(3, n)))],
        weights=weights,
        population={m: draw(st.integers(min_value=1, max_value=1000)) for m in members},
        quota=draw(st.integers(min_value=1, max_value=sum(weights.values()))),
    )
    spoken = draw(st.lists(st.sampled_from(members), unique=True))
    positions = {m: draw(st.sampled_from(STANCES)) for m in spoken}
    return body, rule, positions


@given(n=st.integers(min_value=1, max_value=30), data=st.data())
def test_under_consensus_every_member_is_a_veto_player(n: int, data: st.DataObject) -> None:
    members = (CODES * 2)[:n] if n <= 27 else CODES
    body = s.body(list(dict.fromkeys(members)), "consensus")
    rule = get_rule("consensus")
    e = rule.electorate(body, s.DAY)
    m = data.draw(st.sampled_from(e.members))
    assert rule.is_blocking(e, frozenset({m}))
    assert not rule.is_winning(e, frozenset(e.members) - {m})


@settings(max_examples=300)
@given(scenario=scenarios(), data=st.data())
def test_adding_a_supporter_never_turns_adopted_into_blocked(
    scenario: tuple[Body, str, dict[str, str]], data: st.DataObject
) -> None:
    body, rule, positions = scenario
    before = evaluate(s.dossier(positions), body, get_rule(rule), s.DAY)
    m = data.draw(st.sampled_from(before.members))
    after = evaluate(s.dossier({**positions, m: "support"}), body, get_rule(rule), s.DAY)
    if before.status is Status.ADOPTED:
        assert after.status is Status.ADOPTED
    if before.status is not Status.BLOCKED:
        assert after.status is not Status.BLOCKED


@settings(max_examples=200)
@given(scenario=scenarios(), data=st.data())
def test_verdict_does_not_depend_on_statement_order(
    scenario: tuple[Body, str, dict[str, str]], data: st.DataObject
) -> None:
    body, rule, positions = scenario
    # Several statements per actor, some on the same day, in random order.
    statements = [
        Statement(
            actor=a, stance=Stance(data.draw(st.sampled_from(STANCES))), date=date(2024, 5, d)
        )
        for a in positions
        for d in data.draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    ]
    shuffled = data.draw(st.permutations(statements))
    proposal = Proposal(id="p", body="TEST", title="t", as_of=s.DAY)
    a = evaluate(Dossier(proposal, tuple(statements)), body, get_rule(rule), s.DAY)
    b = evaluate(Dossier(proposal, tuple(shuffled)), body, get_rule(rule), s.DAY)
    assert a == b


@settings(max_examples=300)
@given(scenario=scenarios())
def test_needed_with_supporters_satisfies_the_rule(
    scenario: tuple[Body, str, dict[str, str]],
) -> None:
    body, rule_name, positions = scenario
    rule = get_rule(rule_name)
    v = evaluate(s.dossier(positions), body, rule, s.DAY)
    e = rule.electorate(body, s.DAY)
    yes = frozenset(v.supporters) | frozenset(v.consented_by_silence) | frozenset(v.needed)
    abstain = frozenset(v.abstained) - yes
    if v.status is Status.ADOPTED:
        assert v.needed == ()
    if v.satisfiable:
        assert rule.passes(e, yes, abstain)
        # and no member of `needed` is superfluous, except the blocker that a blocked act
        # must win over (DESIGN.md: when blocked, `needed` includes a blocker)
        for m in v.needed:
            if v.status is Status.BLOCKED and m in v.blockers:
                continue
            assert not rule.passes(e, yes - {m}, abstain)
    if v.status is Status.BLOCKED and v.satisfiable and v.blockers:
        assert set(v.blockers) & set(v.needed)
