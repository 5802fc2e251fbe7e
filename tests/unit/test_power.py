"""Power indices: fast exact paths against brute-force enumeration, and known values."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.analysis import scaled
from concord.analysis.games import Criterion, WeightedGame, quota_game
from concord.analysis.power import power_by_enumeration, power_of_game
from concord.model.rules.base import Electorate, all_rules

FAST = settings(max_examples=60, deadline=None)


def _names(n: int) -> tuple[str, ...]:
    return tuple(f"P{i}" for i in range(n))


def _brute(game: WeightedGame):  # type: ignore[no-untyped-def]
    return power_by_enumeration(game.players, game.is_winning)


@st.composite
def quota_games(draw: st.DrawFn, max_n: int = 9) -> WeightedGame:
    n = draw(st.integers(1, max_n))
    weights = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    quota = draw(st.integers(1, max(1, sum(weights) + 1)))
    return quota_game(_names(n), weights, quota)


@st.composite
def multi_games(draw: st.DrawFn) -> WeightedGame:
    n = draw(st.integers(1, 9))
    criteria = []
    for _ in range(draw(st.integers(1, 3))):
        weights = tuple(draw(st.lists(st.integers(0, 50), min_size=n, max_size=n)))
        quota = draw(st.integers(0, sum(weights) + 1))
        criteria.append(Criterion(weights, quota, waivable=draw(st.booleans())))
    return WeightedGame(_names(n), tuple(criteria), min_blocking=draw(st.integers(0, 4)))


@FAST
@given(quota_games())
def test_generating_function_equals_enumeration(game: WeightedGame) -> None:
    fast, brute = power_of_game(game), _brute(game)
    assert fast.method == "int-gf"
    assert fast.swings == brute.swings
    assert fast.shapley_shubik_exact == brute.shapley_shubik_exact


@FAST
@given(multi_games())
def test_meet_in_the_middle_equals_enumeration(game: WeightedGame) -> None:
    fast, brute = power_of_game(game), _brute(game)
    assert fast.swings == brute.swings
    assert fast.shapley_shubik_exact == brute.shapley_shubik_exact
    assert fast.banzhaf_exact == brute.banzhaf_exact


@FAST
@given(quota_games(max_n=14))
def test_scaled_float_path_matches_exact(game: WeightedGame) -> None:
    exact = power_of_game(game)
    c = game.criteria[0]
    bz, ss = scaled.banzhaf(c.weights, c.quota), scaled.shapley_shubik(c.weights, c.quota)
    for k, w in enumerate(c.weights):
        assert bz[w] == pytest.approx(exact.banzhaf_absolute[k], abs=1e-12)
        assert ss[w] == pytest.approx(exact.shapley_shubik[k], abs=1e-12)


@FAST
@given(quota_games())
def test_indices_sum_to_one_dummies_zero_symmetric_equal(game: WeightedGame) -> None:
    ix = power_of_game(game)
    assert ix.banzhaf_exact is not None and ix.shapley_shubik_exact is not None
    weights = game.criteria[0].weights
    if sum(ix.swings or ()) > 0:
        assert sum(ix.banzhaf_exact) == 1
        assert sum(ix.shapley_shubik_exact) == 1
    for i in range(game.n):
        others = [k for k in range(game.n) if k != i]
        dummy = all(
            game.is_winning(set(s) | {i}) == game.is_winning(set(s))
            for size in range(len(others) + 1)
            for s in combinations(others, size)
        )
        if dummy:
            assert ix.banzhaf[i] == 0 and ix.shapley_shubik[i] == 0
        for j in range(game.n):
            if weights[i] == weights[j]:
                assert ix.shapley_shubik_exact[i] == ix.shapley_shubik_exact[j]
                assert ix.swings is not None and ix.swings[i] == ix.swings[j]


def test_textbook_weighted_game() -> None:
    # [6; 4, 3, 2, 1]: Banzhaf 5/12, 1/4, 1/4, 1/12 and Shapley–Shubik the same.
    ix = power_of_game(quota_game(_names(4), [4, 3, 2, 1], 6))
    expected = (Fraction(5, 12), Fraction(1, 4), Fraction(1, 4), Fraction(1, 12))
    assert ix.banzhaf_exact == expected
    assert ix.shapley_shubik_exact == expected
    assert ix.swings == (5, 3, 3, 1)


def test_scaled_path_beyond_factorial_overflow() -> None:
    """n = 400: n! overflows a float; the scaled path still sums to 1 with equal weights."""
    n = 400
    ix = power_of_game(quota_game(_names(n), [1] * n, n // 2 + 1))
    assert ix.method == "scaled-float"
    assert sum(ix.shapley_shubik) == pytest.approx(1.0, abs=1e-9)
    assert ix.shapley_shubik[0] == pytest.approx(1 / n, rel=1e-9)
    assert sum(ix.banzhaf) == pytest.approx(1.0, abs=1e-12)


def test_gauss_legendre_integrates_polynomials_exactly() -> None:
    nodes, weights = scaled.gauss_legendre(7)
    for k in range(14):
        assert float((weights * nodes**k).sum()) == pytest.approx(1 / (k + 1), rel=1e-13)


def _electorate(n: int, seed: int) -> Electorate:
    members = tuple(f"M{i:02d}" for i in range(n))
    return Electorate(
        members=members,
        permanent=frozenset(members[: min(3, n)]),
        population={m: 1 + (seed * 7919 + 104729 * k) % 1000 for k, m in enumerate(members)},
        weights={m: (seed + 3 * k) % 7 for k, m in enumerate(members)},
        quota=1 + seed % 10,
    )


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 50), data=st.data())
def test_each_rule_game_agrees_with_its_winning_test(
    rule: object, n: int, seed: int, data: st.DataObject
) -> None:
    from concord.model.rules.base import DecisionRule

    assert isinstance(rule, DecisionRule)
    e = _electorate(n, seed)
    game = rule.game(e)
    assert game is not None
    coalition = data.draw(st.sets(st.sampled_from(range(n))))
    assert game.is_winning(coalition) == rule.is_winning(
        e, frozenset(e.members[i] for i in coalition)
    )


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 50), data=st.data())
def test_each_rule_game_given_abstainers_agrees_with_passes(
    rule: object, n: int, seed: int, data: st.DataObject
) -> None:
    from concord.model.rules.base import DecisionRule

    assert isinstance(rule, DecisionRule)
    e = _electorate(n, seed)
    abstain = frozenset(data.draw(st.sets(st.sampled_from(e.members))))
    game = rule.game_given(e, abstain)
    if game is None:  # no weighted form: the forecast enumerates through passes
        assert abstain
        return
    coalition = frozenset(e.members[i] for i in data.draw(st.sets(st.sampled_from(range(n)))))
    assert game.is_winning({e.members.index(m) for m in coalition}) == rule.passes(
        e, coalition, abstain - coalition
    )


def test_shapley_estimate_grows_with_size_and_skips_only_large_games() -> None:
    def game(n: int) -> tuple[list[int], int]:
        weights = [1 + (7 * k) % 100 for k in range(n)]
        return weights, sum(weights) // 2 + 1

    small, large = scaled.shapley_seconds(*game(200)), scaled.shapley_seconds(*game(10_000))
    assert small < 1.0 < 3.0 < large
    w, q = game(10_000)
    ix = power_of_game(quota_game(_names(len(w)), w, q), shapley=None)
    assert not ix.shapley_computed and ix.shapley_note is not None
    assert sum(ix.banzhaf) == pytest.approx(1.0)
