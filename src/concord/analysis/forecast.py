"""Adoption probability and criticality when members consent independently.

Exact, by dynamic programming over members (never by sampling): a weighted quota
through the distribution of the consenting weight, several criteria by meet in the
middle, and any other rule by enumerating coalitions through its winning test.
``criticality[i]`` is the chance that i's choice decides the outcome: the others'
choices are such that the act passes if i consents and fails if i stands against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from concord.analysis import exact, mitm
from concord.analysis.errors import TooLargeForExact
from concord.analysis.games import Criterion, WeightedGame

#: The quota DP keeps one distribution per member: members x quota floats.
_DP_BUDGET = 50_000_000


@dataclass(frozen=True, slots=True)
class Forecast:
    players: tuple[str, ...]
    probability: float
    criticality: tuple[float, ...]
    method: str


def _check(p: Sequence[float]) -> None:
    for x in p:
        if not 0.0 <= x <= 1.0:
            raise ValueError(f"probability {x} outside [0, 1]")


def forecast_game(game: WeightedGame, p: Sequence[float]) -> Forecast:
    _check(p)
    single = game.single_quota()
    if single is not None and game.n * (max(single.quota, 0) + 1) <= _DP_BUDGET:
        prob, crit = _quota_forecast(single, p)
        return Forecast(game.players, prob, crit, "quota-dp")
    if game.n <= mitm.MITM_LIMIT:
        yes, no = mitm.swing_tables(game, p)
        p_win = p[0] * float(yes[0].sum()) + (1 - p[0]) * float(no[0].sum()) if game.n else 0.0
        crit = tuple(float(v) for v in (yes - no).sum(axis=1))
        return Forecast(
            game.players, _unit(p_win), tuple(_unit(c) for c in crit), "meet-in-the-middle"
        )
    raise TooLargeForExact(
        f"no exact forecast for this rule with {game.n} members "
        f"(several criteria: at most {mitm.MITM_LIMIT} members)"
    )


def forecast_by_enumeration(
    players: tuple[str, ...], is_winning: Callable[[frozenset[int]], bool], p: Sequence[float]
) -> Forecast:
    """Through the winning test alone, listing the choices of the members whose choice is
    uncertain (0 < p < 1); members at 0 or 1 are fixed, so a large body with few open
    members is cheap. A fixed member's criticality lists the open members' choices once
    with it in and once with it out."""
    _check(p)
    open_ = [i for i, x in enumerate(p) if 0.0 < x < 1.0]
    calls = (1 + 2 * (len(players) - len(open_))) << len(open_)
    if len(open_) > exact.ENUMERATION_LIMIT or calls > 1 << exact.ENUMERATION_LIMIT:
        raise TooLargeForExact(
            f"this rule has no weighted form, so the forecast lists all 2^k choices of the "
            f"k = {len(open_)} members whose choice is uncertain ({calls} tests of the rule;"
            f" the limit is 2^{exact.ENUMERATION_LIMIT})"
        )
    yes = frozenset(i for i, x in enumerate(p) if x >= 1.0)

    def toggled(i: int) -> Callable[[frozenset[int]], bool]:
        """The open members plus i as the last player (fixed members as they are)."""
        rest, last = yes - {i}, len(open_)

        def wins(s: frozenset[int]) -> bool:
            chosen = {open_[k] for k in s if k < last} | ({i} if last in s else set())
            return is_winning(rest | chosen)

        return wins

    q = [p[i] for i in open_]
    p_win, swing = exact.enumerate_probabilities(
        len(open_), lambda s: is_winning(yes | {open_[k] for k in s}), q
    )
    crit = [0.0] * len(players)
    for k, i in enumerate(open_):
        crit[i] = float(swing[k])
    for i in range(len(players)):
        if 0.0 < p[i] < 1.0:
            continue
        # P(the act passes with i in and fails with i out), over the open members.
        last = exact.enumerate_probabilities(len(open_) + 1, toggled(i), [*q, 0.5])[1]
        crit[i] = float(last[-1])
    return Forecast(players, _unit(p_win), tuple(_unit(c) for c in crit), "enumeration")


def _unit(x: float) -> float:
    """Clamp rounding noise (e.g. 1.0000000000000002) into [0, 1]."""
    return min(1.0, max(0.0, x))


def _quota_forecast(c: Criterion, p: Sequence[float]) -> tuple[float, tuple[float, ...]]:
    """Distributions of the consenting weight of the members before and after each one,
    capped at the quota (index q means "at least q"); member i is decisive when the
    others' weight lies in [q - w_i, q)."""
    q, w = max(c.quota, 0), c.weights
    n = len(w)
    if q == 0:
        return 1.0, (0.0,) * n

    def step(dist: np.ndarray, weight: int, prob: float) -> np.ndarray:
        out = dist * (1 - prob)
        if weight >= q:
            out[q] += prob * dist.sum()
        else:
            out[weight:q] += prob * dist[: q - weight]
            out[q] += prob * dist[q - weight :].sum()
        return out

    start = np.zeros(q + 1)
    start[0] = 1.0
    prefix = [start]
    for i in range(n):
        prefix.append(step(prefix[-1], w[i], p[i]))
    suffix = start
    crit = [0.0] * n
    for i in range(n - 1, -1, -1):
        # P(suffix weight < x) for x = 0..q
        below = np.concatenate([[0.0], np.cumsum(suffix[:q])])
        k = np.arange(q + 1)
        hi = np.clip(q - k, 0, q)
        lo = np.clip(q - w[i] - k, 0, q)
        crit[i] = _unit(float(np.dot(prefix[i], below[hi] - below[lo])))
        suffix = step(suffix, w[i], p[i])
    return _unit(float(prefix[n][q])), tuple(crit)
