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
    int64; one player of weight w is then divided out exactly. Cost O(n^2 q).
    """
    n = len(weights)
    if n > INT64_PLAYERS:
        raise ValueError("int64 counts overflow beyond 62 players")
    width = max(quota, 1)
    table = np.zeros((n + 1, width), dtype=np.int64)
    table[0, 0] = 1 if quota > 0 else 0
    for w in weights:
        if w == 0:
            table[1:] += table[:-1].copy()
        elif w < width:
            table[1:, w:] += table[:-1, :-w].copy()
    out: dict[int, NDArray[np.int64]] = {}
    for w in sorted(set(weights)):
        others = table.copy()
        if w < width:
            for s in range(1, n + 1):
                if w == 0:
                    others[s] -= others[s - 1]
                else:
                    others[s, w:] -= others[s - 1, :-w]
        lo = max(quota - w, 0)
        out[w] = others[:n, lo:quota].sum(axis=1) if quota > 0 else np.zeros(n, np.int64)
    return out
