"""Meet in the middle: exact swing counts or probabilities for multi-criteria games.

For games whose weights are too large for a generating function (EU QMV counts
populations), the players are split into two halves and every sub-coalition of each
half is listed (2^(n/2) each). One criterion is "large" (searched by sorting); the
others, and the coalition size, are "small" and label groups. A coalition wins iff its
large total reaches a threshold that depends only on its small label: 0 (the large
criterion is waived), the quota, or never. So for a pair of halves only two sorted
searches matter: totals reaching the quota, and reaching it once player i joins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from concord.analysis.games import WeightedGame

#: Each half lists 2^(n/2) sub-coalitions.
MITM_LIMIT = 36

_ZERO, _QUOTA, _NEVER = 0, 1, 2


class _Half:
    """Every sub-coalition of some players, sorted by large total (descending)."""

    def __init__(
        self,
        players: Sequence[int],
        small: NDArray[np.int64],
        large: NDArray[np.int64],
        probs: NDArray[np.float64] | None,
        radix: NDArray[np.int64],
    ) -> None:
        k = len(players)
        masks = np.arange(1 << k, dtype=np.int64)
        bits = (masks[:, None] >> np.arange(k, dtype=np.int64)) & 1
        idx = list(players)
        large_total = bits @ large[idx]
        order = np.argsort(-large_total, kind="stable")
        self.bits = bits[order]
        self.large = large_total[order]
        self.state = np.column_stack([self.bits.sum(axis=1), self.bits @ small[idx]])
        self.label_key = self.state @ radix
        self.probs = None if probs is None else probs[idx]
        self.weight = self.weight_without(None)

    def weight_without(self, local: int | None) -> NDArray[np.float64]:
        """Each sub-coalition's probability over the half's players (less one, if given)."""
        if self.probs is None:
            return np.ones(len(self.large))
        bits, p = self.bits.astype(bool), self.probs
        if local is not None:
            bits, p = np.delete(bits, local, axis=1), np.delete(p, local)
        out: NDArray[np.float64] = np.prod(np.where(bits, p, 1.0 - p), axis=1)
        return out


def swing_tables(
    game: WeightedGame, probs: Sequence[float] | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(yes, no)``, each of shape (n, n): for player i and size s, the weight of the
    coalitions S of the others with |S| = s such that S ∪ {i} wins (``yes``) or S wins
    (``no``). Weights are counts when ``probs`` is None, else probabilities."""
    n = game.n
    if n > MITM_LIMIT:
        raise ValueError(f"meet in the middle lists 2^(n/2) coalitions; n = {n} > {MITM_LIMIT}")
    big = int(np.argmax([c.total for c in game.criteria]))
    crit = game.criteria[big]
    small_idx = [k for k in range(len(game.criteria)) if k != big]
    large = np.array(crit.weights, dtype=np.int64)
    small = np.array([game.criteria[k].weights for k in small_idx], dtype=np.int64)
    small = small.T.reshape(n, len(small_idx))
    bounds = [n + 1] + [game.criteria[k].total + 1 for k in small_idx]
    radix = np.cumprod([1, *bounds[:-1]]).astype(np.int64)
    p = None if probs is None else np.asarray(probs, dtype=np.float64)

    def code(state: Sequence[int]) -> int:
        """How the large total decides a coalition with this (size, small totals)."""
        full = [0] * len(game.criteria)
        for k, t in zip(small_idx, state[1:], strict=True):
            full[k] = int(t)
        if game.wins_totals(int(state[0]), full):
            return _ZERO
        full[big] = crit.quota
        return _QUOTA if game.wins_totals(int(state[0]), full) else _NEVER

    half = (n + 1) // 2
    groups = (list(range(half)), list(range(half, n)))
    halves = tuple(_Half(g, small, large, p, radix) for g in groups)
    yes = np.zeros((n, max(n, 1)))
    no = np.zeros((n, max(n, 1)))
    for side in (0, 1):
        pairing = _Pairing(halves[side], halves[1 - side], crit.total, code)
        if p is None and side == 0:
            # Counting: S wins without i iff it wins at all and is not S' + i with S' ∌ i,
            # so one pass over all coalitions gives every player's ``no`` from ``yes``.
            everyone = pairing.weigh(np.arange(len(pairing.a.large)), (0,) * len(bounds))
            wins_by_size = everyone(crit.quota, n)
        for local, i in enumerate(groups[side]):
            rows = np.nonzero(pairing.a.bits[:, local] == 0)[0]
            delta = (1, *small[i].tolist())
            weight = pairing.a.weight_without(None if p is None else local)[rows]
            yes[i] = pairing.weigh(rows, delta, weight)(crit.quota - int(large[i]), n)
            if p is None:
                no[i] = wins_by_size
                no[i, 1:] -= yes[i, :-1]
            else:
                no[i] = pairing.weigh(rows, (0,) * len(bounds), weight)(crit.quota, n)
    return yes, no


class _Pairing:
    """Sub-coalitions of half A against those of half B, grouped by B's small label."""

    def __init__(self, a: _Half, b: _Half, large_total: int, code: Callable[[Sequence[int]], int]):
        self.a, self.b, self.code = a, b, code
        self.large_total = large_total
        b_keys, b_first, b_inv = np.unique(b.label_key, return_index=True, return_inverse=True)
        self.b_states = b.state[b_first]
        order = np.lexsort((b.large, b_inv))
        self.span = large_total + 3
        self.comp = b_inv[order] * self.span + b.large[order] + 1
        self.cum = np.concatenate([[0.0], np.cumsum(b.weight[order])])
        sorted_inv = b_inv[order]
        groups = np.arange(len(b_keys))
        self.end = self.cum[np.searchsorted(sorted_inv, groups, side="right")]
        start = self.cum[np.searchsorted(sorted_inv, groups, side="left")]
        self.group_weight = (self.end - start)[:, None]
        self.group_base = (groups * self.span)[:, None]
        _, a_first, self.a_inv = np.unique(a.label_key, return_index=True, return_inverse=True)
        self.a_states = a.state[a_first]
        self.codes: dict[tuple[int, ...], NDArray[np.int64]] = {}

    def code_table(self, delta: tuple[int, ...]) -> NDArray[np.int64]:
        if delta not in self.codes:
            shift = np.array(delta, dtype=np.int64)
            self.codes[delta] = np.array(
                [[self.code(sa + sb + shift) for sb in self.b_states] for sa in self.a_states]
            )
        return self.codes[delta]

    def reaching(self, need: NDArray[np.int64]) -> NDArray[np.float64]:
        """Weight of each B group with large total >= ``need`` (one column per A row).

        Keys and B's totals are both sorted, so positions come from one merge (a
        search of B in the keys and a running count) rather than a search per key.
        """
        clipped = np.clip(need, -1, self.large_total + 1)[None, :]
        keys = (self.group_base + clipped + 1).reshape(-1)
        j = np.searchsorted(keys, self.comp, side="right")
        pos = np.cumsum(np.bincount(j, minlength=len(keys) + 1))[: len(keys)]
        out: NDArray[np.float64] = (
            self.end[:, None] - self.cum[pos.reshape(len(self.group_base), -1)]
        )
        return out

    def weigh(
        self,
        rows: NDArray[np.int64],
        delta: tuple[int, ...],
        weight: NDArray[np.float64] | None = None,
    ) -> Callable[[int, int], NDArray[np.float64]]:
        """Weight, by total size, of the pairs whose union plus ``delta`` wins, given the
        large total the union itself must reach (the quota less the added player's)."""
        codes = self.code_table(delta)[self.a_inv[rows]].T
        sizes = (self.a.state[rows, 0][None, :] + self.b_states[:, 0][:, None]).reshape(-1)

        def by_size(quota: int, n: int) -> NDArray[np.float64]:
            hits = self.reaching(quota - self.a.large[rows])
            got = np.where(codes == _ZERO, self.group_weight, np.where(codes == _QUOTA, hits, 0.0))
            if weight is not None:
                got = got * weight[None, :]
            out = np.bincount(sizes, weights=got.reshape(-1), minlength=n).astype(np.float64)
            return out[: max(n, 1)]

        return by_size
