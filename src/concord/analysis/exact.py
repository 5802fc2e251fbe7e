"""Exact swing counts by coalition size: enumeration and the integer generating function.

``counts[i, s]`` is the number of coalitions ``S`` of the other players with ``|S| = s``
for which player ``i`` is a swing (``S`` loses, ``S ∪ {i}`` wins). Banzhaf and
Shapley–Shubik are both read off these counts (:mod:`concord.analysis.power`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

Winning = Callable[[frozenset[int]], bool]

#: Generic enumeration calls the rule once per coalition: 2^n calls.
ENUMERATION_LIMIT = 20
#: The int64 generating function is exact while every count fits: C(n, s) < 2^62.
INT64_PLAYERS = 62


def _masks(n: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    masks = np.arange(1 << n, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(n, dtype=np.int64)) & 1
    return masks, bits.sum(axis=1)


def win_table(n: int, is_winning: Winning) -> NDArray[np.bool_]:
    """Whether each coalition (as a bit mask) wins, asking the rule once per coalition."""
    return np.fromiter(
        (is_winning(frozenset(i for i in range(n) if m >> i & 1)) for m in range(1 << n)),
        dtype=np.bool_,
        count=1 << n,
    )


def enumerate_counts(n: int, is_winning: Winning) -> NDArray[np.int64]:
    """Swing counts by size through the rule's own test, for small ``n``."""
    win = win_table(n, is_winning)
    masks, sizes = _masks(n)
    counts = np.zeros((n, max(n, 1)), dtype=np.int64)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        swing = win[without | (1 << i)] & ~win[without]
        counts[i] = np.bincount(sizes[without][swing], minlength=max(n, 1))[: max(n, 1)]
    return counts


def enumerate_probabilities(
    n: int, is_winning: Winning, p: Sequence[float]
) -> tuple[float, NDArray[np.float64]]:
    """P(win) and each player's swing probability when player j consents with ``p[j]``."""
    win = win_table(n, is_winning)
    masks, _ = _masks(n)
    probs = np.asarray(p, dtype=np.float64)
    bits = ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(bool)
    each = np.where(bits, probs, 1.0 - probs)
    p_win = float(np.prod(each, axis=1)[win].sum())
    swing = np.zeros(n)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        others = np.prod(np.delete(each[without], i, axis=1), axis=1)
        decisive = win[without | (1 << i)] & ~win[without]
        swing[i] = float(others[decisive].sum())
    return p_win, swing


def quota_counts(weights: Sequence[int], quota: int) -> dict[int, NDArray[np.int64]]:
    """Exact swing counts by size for each distinct weight of a weighted-quota game.

    The generating function prod_j (1 + y x^w_j), truncated below the quota, is built in
    int64 (table[s, x]: coalitions of s players weighing x < quota). A player of weight
    w is divided out as others(s, x) = sum_k (-1)^k table(s - k, x - k w), and only its
    window sum over [quota - w, quota) is needed: an alternating sum of the table's
    running totals, for all weights, sizes and k at once. int64 arithmetic wraps, so
    intermediate overflow cancels exactly: the results fit (C(n, s) < 2^62).
    """
    n = len(weights)
    if n > INT64_PLAYERS:
        raise ValueError("int64 counts overflow beyond 62 players")
    distinct = sorted(set(weights))
    if quota <= 0:
        return {w: np.zeros(n, np.int64) for w in distinct}
    q = quota
    table = np.zeros((n + 1, q), dtype=np.int64)
    table[0, 0] = 1
    # Only the filled corner changes: rows up to the players added so far, columns up
    # to their total weight. A player of weight >= quota never enters the table.
    done, reach = 0, 1
    for w in sorted(weights):
        if w == 0:
            table[1 : done + 2, :reach] += table[: done + 1, :reach].copy()
        elif w < q:
            end = min(q, reach + w)
            table[1 : done + 2, w:end] += table[: done + 1, : end - w].copy()
            reach = end
        else:
            continue
        done += 1
    cum = np.cumsum(table, axis=1)
    ws = np.array(distinct, dtype=np.int64)[:, None]
    # Pairs (s, k) with k <= s, grouped by s (row-major lower triangle).
    s_idx, k_idx = np.tril_indices(n)
    k = k_idx[None, :]
    rows = (s_idx - k_idx)[None, :]
    entered = (ws > 0) & (ws < q)  # players that were multiplied into the table
    valid = entered | (k == 0)
    shift = np.where(entered, k * ws, 0)
    sign = np.where(k % 2 == 0, 1, -1).astype(np.int64)

    def at(y: NDArray[np.int64]) -> NDArray[np.int64]:
        """Running total cum[s - k, y], 0 where y < 0 or the term does not exist."""
        hit = cum[np.broadcast_to(rows, y.shape), np.clip(y, 0, q - 1)]
        return np.where(valid & (y >= 0), hit, 0)

    starts = np.arange(n) * (np.arange(n) + 1) // 2
    with np.errstate(over="ignore"):
        terms = (at(q - 1 - shift) - at(q - 1 - ws - shift)) * sign
        window = np.add.reduceat(terms, starts, axis=1)
    window[np.array(distinct) == 0] = 0  # a weightless player is never a swing
    return {w: window[i] for i, w in enumerate(distinct)}
