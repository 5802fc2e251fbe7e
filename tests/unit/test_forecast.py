"""Forecast: exact adoption probability and criticality against enumeration."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.analysis import exact
from concord.analysis.forecast import forecast_by_enumeration, forecast_game
from concord.analysis.games import Criterion, WeightedGame

probability = st.one_of(st.just(0.0), st.just(1.0), st.floats(0, 1))


@st.composite
def games_and_probabilities(draw: st.DrawFn) -> tuple[WeightedGame, list[float]]:
    n = draw(st.integers(1, 9))
    criteria = []
    for _ in range(draw(st.integers(1, 2))):
        weights = tuple(draw(st.lists(st.integers(0, 30), min_size=n, max_size=n)))
        criteria.append(
            Criterion(weights, draw(st.integers(0, sum(weights) + 1)), draw(st.booleans()))
        )
    game = WeightedGame(tuple(f"P{i}" for i in range(n)), tuple(criteria), draw(st.integers(0, 3)))
    return game, draw(st.lists(probability, min_size=n, max_size=n))


@settings(max_examples=80, deadline=None)
@given(games_and_probabilities())
def test_forecast_equals_enumeration(case: tuple[WeightedGame, list[float]]) -> None:
    game, p = case
    fast = forecast_game(game, p)
    p_win, swing = exact.enumerate_probabilities(game.n, game.is_winning, p)
    assert fast.probability == pytest.approx(p_win, abs=1e-12)
    assert fast.criticality == pytest.approx(list(swing), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(games_and_probabilities())
def test_enumeration_over_open_members_equals_full_enumeration(
    case: tuple[WeightedGame, list[float]],
) -> None:
    game, p = case
    fast = forecast_by_enumeration(game.players, game.is_winning, p)
    p_win, swing = exact.enumerate_probabilities(game.n, game.is_winning, p)
    assert fast.probability == pytest.approx(p_win, abs=1e-12)
    assert fast.criticality == pytest.approx(list(swing), abs=1e-12)


def test_consensus_criticality_is_chance_all_others_consent() -> None:
    n = 5
    game = WeightedGame(tuple("ABCDE"), (Criterion((1,) * n, n),))
    f = forecast_game(game, [0.5, 1.0, 1.0, 0.8, 1.0])
    assert f.probability == pytest.approx(0.4)
    assert f.criticality[0] == pytest.approx(0.8)
    assert f.criticality[3] == pytest.approx(0.5)
    assert f.criticality[1] == pytest.approx(0.4)


def test_enumeration_path_for_rules_without_weights() -> None:
    def wins(s: frozenset[int]) -> bool:
        return {0, 1} <= s or {2} <= s

    f = forecast_by_enumeration(("A", "B", "C"), wins, [0.5, 0.5, 0.5])
    assert f.probability == pytest.approx(0.625)
    assert f.criticality[2] == pytest.approx(0.75)
