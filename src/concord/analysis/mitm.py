"""Meet in the middle: exact swing counts or probabilities for multi-criteria games.

For games whose weights are too large for a generating function (EU QMV counts
populations), the players are split into two halves and every sub-coalition of each
half is listed (2^(n/2) each). One criterion is "large" (searched); the others, and
the coalition size, are "small" and label groups. A coalition wins iff its large total
reaches a threshold that depends only on its small label: 0 (the large criterion is
waived), the quota, or never.

Each half is indexed once: its sub-coalitions sorted by large total, with a table of
cumulative weight per label along that order. The weight of the other half's label-g
sub-coalitions reaching a threshold is then one rank (a single search, shared by all
labels) and one table look-up, so a player's pass costs one search per row of its own
half instead of one per (row, label) pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from concord.analysis.games import WeightedGame

#: Each half lists 2^(n/2) sub-coalitions.
MITM_LIMIT = 36
#: Entries of a half's (label x rank) cumulative table; beyond it, one search per label.
_TABLE_BUDGET = 1 << 23

_ZERO, _QUOTA, _NEVER = 0, 1, 2

Code = Callable[[NDArray[np.int64]], NDArray[np.int8]]


def _subset_sums(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """Total of ``values`` over every subset, indexed by bit mask (built by doubling)."""
    out = np.zeros(1, dtype=np.int64)
    for v in values:
        out = np.concatenate([out, out + v])
    return out


def _subset_products(p: NDArray[np.float64], skip: int | None) -> NDArray[np.float64]:
    """Probability of every subset (bit mask) when player j joins with ``p[j]``; the
    ``skip``-th player is left out of the product (its bit still indexes)."""
    out = np.ones(1)
    for j, x in enumerate(p):
        out = np.concatenate([out, out] if j == skip else [out * (1.0 - x), out * x])
    return out


class _Half:
    """Every sub-coalition of some players. As the searching side ("A") its rows are
    sorted by small label, then large total; as the searched side ("B") it keeps its
    large totals in ascending order with the cumulative weight of each label along
    that order."""

    def __init__(
        self,
        players: Sequence[int],
        small: NDArray[np.int64],
        large: NDArray[np.int64],
        probs: NDArray[np.float64] | None,
        radix: NDArray[np.int64],
    ) -> None:
        idx = list(players)
        large_total = _subset_sums(large[idx])
        labels = np.column_stack([np.ones(len(idx), dtype=np.int64), small[idx]]) @ radix
        key = _subset_sums(labels)
        keys, inv = np.unique(key, return_inverse=True)
        inv = inv.reshape(-1)
        order = np.lexsort((large_total, inv))
        #: Bit mask of each row (which of the half's players it holds).
        self.mask = order
        self.large, self.label = large_total[order], inv[order]
        self.label_states = _decode(keys, radix)
        self.label_size = self.label_states[:, 0]
        self.probs = None if probs is None else probs[idx]
        weight = self.weight_without(None)
        # Counts within one half stay below 2^31 (at most 2^18 rows).
        dtype = np.int32 if probs is None else np.float64
        self.total = np.bincount(self.label, weights=weight, minlength=len(keys)).astype(dtype)
        by_large = np.argsort(self.large, kind="stable")
        self.sorted_large = self.large[by_large]
        rows = len(self.large)
        self.dense = len(keys) * (rows + 1) <= _TABLE_BUDGET
        if self.dense:
            # cum[g, r] = weight of the label-g rows among the r smallest large totals
            self.cum = np.zeros((len(keys), rows + 1), dtype=dtype)
            self.cum[self.label[by_large], np.arange(1, rows + 1)] = weight[by_large]
            np.cumsum(self.cum, axis=1, out=self.cum)
        else:
            self.groups = []
            for g in range(len(keys)):
                members = by_large[self.label[by_large] == g]
                cum = np.concatenate([[0], np.cumsum(weight[members])]).astype(dtype)
                self.groups.append((self.large[members], cum))

    def without(self, local: int) -> NDArray[np.int64]:
        """Rows that do not hold the half's ``local``-th player (in row order)."""
        return np.nonzero((self.mask >> local) & 1 == 0)[0]

    def weight_without(self, local: int | None) -> NDArray[np.float64]:
        """Each row's probability over the half's players (less one, if given); 1 each
        when counting."""
        if self.probs is None:
            return np.ones(len(self.large))
        return _subset_products(self.probs, local)[self.mask]

    def below(self, need: NDArray[np.int64]) -> NDArray[np.float64] | NDArray[np.int64]:
        """Weight of each label's sub-coalitions with large total < ``need``: one row
        per label, one column per entry of ``need``."""
        if self.dense:
            rank = np.searchsorted(self.sorted_large, need, side="left")
            out: NDArray[np.float64] | NDArray[np.int64] = np.take(self.cum, rank, axis=1)
            return out
        rows = [cum[np.searchsorted(large, need, side="left")] for large, cum in self.groups]
        return np.vstack(rows)


def _decode(keys: NDArray[np.int64], radix: NDArray[np.int64]) -> NDArray[np.int64]:
    """(size, small totals) of each label key (mixed radix)."""
    bounds = np.append(radix[1:] // radix[:-1], np.iinfo(np.int64).max)
    return np.column_stack([(keys // r) % b for r, b in zip(radix, bounds, strict=True)])


def swing_tables(
    game: WeightedGame, probs: Sequence[float] | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(yes, no)``, each of shape (n, n): for player i and size s, the weight of the
    coalitions S of the others with |S| = s such that S ∪ {i} wins (``yes``) or S wins
    (``no``). Weights are counts (exact integers held in float64, below 2^53 for
    n <= 36) when ``probs`` is None, else probabilities."""
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

    def code(states: NDArray[np.int64]) -> NDArray[np.int8]:
        """How the large total decides coalitions with these (size, small totals) rows:
        the same test as :meth:`WeightedGame.wins_totals`, over arrays."""
        waived = n - states[:, 0] < game.min_blocking
        ok = np.ones(len(states), dtype=bool)
        for col, k in enumerate(small_idx, start=1):
            c = game.criteria[k]
            ok &= (states[:, col] >= c.quota) | (c.waivable & waived)
        free = ok & ((crit.quota <= 0) | (crit.waivable & waived))
        return np.where(free, _ZERO, np.where(ok, _QUOTA, _NEVER)).astype(np.int8)

    half = (n + 1) // 2
    groups = (list(range(half)), list(range(half, n)))
    halves = tuple(_Half(g, small, large, p, radix) for g in groups)
    width = max(n, 1)
    yes = np.zeros((n, width))
    no = np.zeros((n, width))
    zero = (0,) * len(bounds)
    for side in (0, 1):
        pairing = _Pairing(halves[side], halves[1 - side], code)
        if p is None and side == 0:
            # Counting: S wins without i iff it wins at all and is not S' + i with S' ∌ i,
            # so one pass over all coalitions gives every player's ``no`` from ``yes``.
            everyone = np.arange(len(pairing.a.large))
            wins_by_size = pairing.weigh(everyone, zero, crit.quota, None, width)
        for local, i in enumerate(groups[side]):
            rows = pairing.a.without(local)
            delta = (1, *small[i].tolist())
            weight = None if p is None else pairing.a.weight_without(local)[rows]
            yes[i] = pairing.weigh(rows, delta, crit.quota - int(large[i]), weight, width)
            if p is None:
                no[i] = wins_by_size
                no[i, 1:] -= yes[i, :-1]
            else:
                no[i] = pairing.weigh(rows, zero, crit.quota, weight, width)
    return yes, no


class _Pairing:
    """Sub-coalitions of half A against the indexed half B."""

    def __init__(self, a: _Half, b: _Half, code: Code) -> None:
        self.a, self.b, self.code = a, b, code
        self.codes: dict[tuple[int, ...], NDArray[np.int8]] = {}

    def code_table(self, delta: tuple[int, ...]) -> NDArray[np.int8]:
        """Code of every (A label, B label) pair once ``delta`` (a player) is added."""
        if delta not in self.codes:
            shift = np.array(delta, dtype=np.int64)
            sa, sb = self.a.label_states, self.b.label_states
            pairs = (sa[:, None, :] + sb[None, :, :] + shift).reshape(-1, sa.shape[1])
            self.codes[delta] = self.code(pairs).reshape(len(sa), len(sb))
        return self.codes[delta]

    def weigh(
        self,
        rows: NDArray[np.int64],
        delta: tuple[int, ...],
        quota: int,
        weight: NDArray[np.float64] | None,
        width: int,
    ) -> NDArray[np.float64]:
        """Weight, by the union's size, of the pairs (A row, B sub-coalition) whose union
        plus ``delta`` wins, given the large total the union must reach (``quota``)."""
        la = self.a.label[rows]  # ascending: rows keep A's order
        starts = np.flatnonzero(np.concatenate([[True], la[1:] != la[:-1]]))
        labels = la[starts]
        below = self.b.below(quota - self.a.large[rows])
        if weight is None:
            w_sum = np.diff(np.append(starts, len(rows)))
        else:
            below = below * weight[None, :]
            w_sum = np.add.reduceat(weight, starts)
        # Rows summed per A label (codes depend on labels only): the weight of pairs
        # in all, and of those whose large total falls short.
        whole = np.zeros((len(self.a.label_states), len(self.b.label_states)))
        short = np.zeros_like(whole)
        whole[labels] = w_sum[:, None] * self.b.total[None, :]
        wide = np.int64 if below.dtype.kind == "i" else np.float64
        short[labels] = np.add.reduceat(below, starts, axis=1, dtype=wide).T
        codes = self.code_table(delta)
        got = np.where(codes == _ZERO, whole, np.where(codes == _QUOTA, whole - short, 0.0))
        sizes = self.a.label_size[:, None] + self.b.label_size[None, :]
        out = np.bincount(sizes.reshape(-1), weights=got.reshape(-1), minlength=width)
        return np.asarray(out[:width], dtype=np.float64)
