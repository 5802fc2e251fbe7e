"""Banzhaf and Shapley–Shubik indices of any rule's simple game, exact where it fits.

Choice of method (recorded in :attr:`PowerIndices.method`):

- ``int-gf``: one weighted quota, at most 62 players and a moderate quota: exact
  integer generating function, swing counts by coalition size.
- ``meet-in-the-middle``: several criteria or very large weights (EU QMV populations),
  at most 36 players: exact.
- ``enumeration``: a rule with no weighted form, at most 20 players: exact, through the
  rule's own ``is_winning``.
- ``scaled-float``: one weighted quota beyond those sizes: floating point from
  probabilities (no count or factorial is ever formed), see :mod:`.scaled`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import factorial, gcd

import numpy as np
from numpy.typing import NDArray

from concord.analysis import exact, mitm, scaled
from concord.analysis.errors import TooLargeForExact
from concord.analysis.games import WeightedGame

#: The integer generating function costs n^2 * quota operations.
_INT_GF_BUDGET = 60_000_000
#: With ``shapley=None``, Shapley–Shubik on the floating-point path is computed only
#: when its estimated running time (:func:`scaled.shapley_seconds`) is at most this.
SHAPLEY_BUDGET_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class PowerIndices:
    players: tuple[str, ...]
    method: str
    #: Normalised to sum to 1 (all 0 when no player is ever a swing).
    banzhaf: tuple[float, ...]
    shapley_shubik: tuple[float, ...]
    #: Probability of being a swing when all coalitions of the others are equally likely.
    banzhaf_absolute: tuple[float, ...]
    #: Raw swing counts, when computed exactly.
    swings: tuple[int, ...] | None = None
    banzhaf_exact: tuple[Fraction, ...] | None = None
    shapley_shubik_exact: tuple[Fraction, ...] | None = None
    #: False when Shapley–Shubik was skipped (``shapley=False``, or over budget).
    shapley_computed: bool = True
    #: Why Shapley–Shubik was skipped, for the user.
    shapley_note: str | None = None

    @property
    def exact(self) -> bool:
        return self.swings is not None


def from_counts(players: tuple[str, ...], counts: NDArray[np.int64], method: str) -> PowerIndices:
    """Indices from exact swing counts by size (``counts[i, s]``).

    Shapley–Shubik is sum_s counts[i, s] s! (n-1-s)! / n!: one integer numerator per
    distinct row (players of equal weight share theirs), one fraction per player.
    """
    n = len(players)
    rows = [tuple(int(c) for c in row) for row in counts[:n]]
    orders = [factorial(s) * factorial(n - 1 - s) for s in range(n)]
    numerators = {row: sum(c * f for c, f in zip(row, orders, strict=False)) for row in set(rows)}
    swings = tuple(sum(row) for row in rows)
    total = sum(swings)
    ss = tuple(Fraction(numerators[row], factorial(n)) for row in rows)
    bz = tuple(Fraction(s, total) if total else Fraction(0) for s in swings)
    return PowerIndices(
        players=players,
        method=method,
        banzhaf=tuple(float(b) for b in bz),
        shapley_shubik=tuple(float(v) for v in ss),
        banzhaf_absolute=tuple(s / 2 ** (n - 1) for s in swings),
        swings=swings,
        banzhaf_exact=bz,
        shapley_shubik_exact=ss,
    )


def _normalised(values: list[float]) -> tuple[float, ...]:
    total = sum(values)
    return tuple(v / total if total > 0 else 0.0 for v in values)


def power_of_game(game: WeightedGame, *, shapley: bool | None = True) -> PowerIndices:
    """Exact indices where an exact method fits, else the scaled floating-point path.

    ``shapley=False`` skips Shapley–Shubik on the floating-point path (reported as 0),
    which is far costlier than Banzhaf at scale; ``shapley=None`` computes it there only
    when its estimated time fits :data:`SHAPLEY_BUDGET_SECONDS`. The exact paths always
    compute it (it costs nothing more).
    """
    n = game.n
    single = game.single_quota()
    if single is not None:
        weights, quota = _reduced(single.weights, single.quota)
        if n <= exact.INT64_PLAYERS and n * n * max(quota, 1) <= _INT_GF_BUDGET:
            by_weight = exact.quota_counts(weights, quota)
            counts = np.array([by_weight[w] for w in weights]).reshape(n, n)
            return from_counts(game.players, counts, "int-gf")
        if n > mitm.MITM_LIMIT:
            return _scaled(game.players, weights, quota, shapley)
    if n <= mitm.MITM_LIMIT:
        yes, no = mitm.swing_tables(game)
        counts = np.rint(yes - no).astype(np.int64)
        return from_counts(game.players, counts, "meet-in-the-middle")
    raise TooLargeForExact(
        f"no exact method for this rule with {n} members: several criteria are computed "
        f"exactly for at most {mitm.MITM_LIMIT} members"
    )


def _reduced(weights: tuple[int, ...], quota: int) -> tuple[tuple[int, ...], int]:
    """Divide weights by their gcd (and the quota, rounded up): the same game, smaller."""
    g = gcd(*weights)
    if g <= 1:
        return weights, quota
    return tuple(w // g for w in weights), -(-quota // g)


def _scaled(
    players: tuple[str, ...], weights: tuple[int, ...], quota: int, shapley: bool | None
) -> PowerIndices:
    total = sum(weights)
    if quota <= 0 or quota > total:
        zeros = (0.0,) * len(players)
        return PowerIndices(players, "scaled-float", zeros, zeros, zeros)
    note = None
    if shapley is None:
        estimate = scaled.shapley_seconds(weights, quota)
        shapley = estimate <= SHAPLEY_BUDGET_SECONDS
        if not shapley:
            note = (
                f"Shapley-Shubik skipped: estimated {estimate:.0f} s for {len(players)} "
                f"players (budget {SHAPLEY_BUDGET_SECONDS:.0f} s); force it with --shapley"
            )
    elif not shapley:
        note = "Shapley-Shubik skipped on request (--banzhaf-only)"
    bz = scaled.banzhaf(weights, quota)
    absolute = [bz[w] for w in weights]
    ss_values = [0.0] * len(weights)
    if shapley:
        ss = scaled.shapley_shubik(weights, quota)
        ss_values = [ss[w] for w in weights]
    return PowerIndices(
        players=players,
        method="scaled-float",
        banzhaf=_normalised(absolute),
        shapley_shubik=tuple(ss_values),
        banzhaf_absolute=tuple(absolute),
        shapley_computed=shapley,
        shapley_note=note,
    )


def power_by_enumeration(
    players: tuple[str, ...], is_winning: Callable[[frozenset[int]], bool]
) -> PowerIndices:
    """Exact indices through a winning test alone (rules with no weighted form)."""
    if len(players) > exact.ENUMERATION_LIMIT:
        raise TooLargeForExact(
            f"this rule has no weighted form, so power is found by listing all 2^n coalitions;"
            f" {len(players)} members is more than the limit of {exact.ENUMERATION_LIMIT}"
        )
    return from_counts(players, exact.enumerate_counts(len(players), is_winning), "enumeration")
