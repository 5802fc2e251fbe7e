"""Floating-point power of large weighted-quota games, without overflow.

Counts of coalitions overflow any float beyond ~1,000 players (and n! beyond 170), so
this path works with probabilities instead: if each other player joins independently
with probability p, the chance that player i is a swing is a window sum of the
distribution of the others' weight. Banzhaf is that chance at p = 1/2; Shapley–Shubik
is its integral over p in [0, 1] (Owen's multilinear extension), a polynomial of degree
n - 1 integrated exactly by Gauss–Legendre quadrature. Nodes where a Hoeffding bound
shows the integrand below 1e-18 are skipped, so the truncation error is at most that.

The distribution is a product of binomials (one per distinct weight) multiplied by FFT
and truncated at the window; dividing one player back out uses the stable direction
(p <= 1/2, or the complement game for p > 1/2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np
from numpy.typing import NDArray

_SKIP_BELOW = 1e-18


def gauss_legendre(m: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Nodes and weights on [0, 1], by Newton's method on the Legendre recurrence.

    O(m^2) rather than the O(m^3) eigenvalue method, so thousands of nodes are cheap.
    """
    k = np.arange(1, m + 1)
    x = np.cos(np.pi * (k - 0.25) / (m + 0.5))
    for _ in range(100):
        p0, p1 = np.ones_like(x), x.copy()
        for j in range(2, m + 1):
            p0, p1 = p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j
        deriv = m * (x * p1 - p0) / (x * x - 1)
        step = p1 / deriv
        x -= step
        if np.max(np.abs(step)) < 1e-15:
            break
    p0, p1 = np.ones_like(x), x.copy()
    for j in range(2, m + 1):
        p0, p1 = p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j
    deriv = m * (x * p1 - p0) / (x * x - 1)
    w = 2 / ((1 - x * x) * deriv * deriv)
    return (1 - x) / 2, w / 2  # ascending in [0, 1]


@cache
def _log_binomials(c: int) -> NDArray[np.float64]:
    j = np.arange(c + 1)
    logfact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, c + 1)))])
    out: NDArray[np.float64] = logfact[c] - logfact[j] - logfact[c - j]
    return out


def _binomial_pmf(c: int, p: float) -> NDArray[np.float64]:
    j = np.arange(c + 1)
    logs = _log_binomials(c)
    with np.errstate(divide="ignore"):
        logs = logs + j * np.log(p) + (c - j) * np.log1p(-p)
    pmf: NDArray[np.float64] = np.exp(logs)
    return pmf


def _multiply(a: NDArray[np.float64], b: NDArray[np.float64], cap: int) -> NDArray[np.float64]:
    if min(len(a), len(b)) <= 64:
        out = np.convolve(a, b)[:cap]
    else:
        size = len(a) + len(b) - 1
        nfft = 1 << (size - 1).bit_length()
        out = np.fft.irfft(np.fft.rfft(a, nfft) * np.fft.rfft(b, nfft), nfft)[: min(size, cap)]
    return np.maximum(out, 0.0)


_DIRECT_BUDGET = 30_000_000


def weight_distribution(
    groups: Sequence[tuple[int, int]], p: float, cap: int
) -> NDArray[np.float64]:
    """P(total weight = k) for k < cap, each player joining with probability p.

    ``groups`` lists (weight, how many players). Small games add one binomial per
    distinct weight directly (shifted sums); large ones multiply the factors pairwise
    by FFT (a product tree, so FFT sizes stay balanced).
    """
    if sum(c for _, c in groups) * cap <= _DIRECT_BUDGET:
        return _direct_distribution(groups, p, cap)
    polys: list[NDArray[np.float64]] = []
    for w, c in groups:
        pmf = _binomial_pmf(c, p)
        if w == 0:
            polys.append(np.array([1.0]))
            continue
        length = min(c * w + 1, cap)
        poly = np.zeros(length)
        take = (length - 1) // w + 1
        poly[::w] = pmf[:take]
        polys.append(poly)
    if not polys:
        return np.ones(1)
    while len(polys) > 1:
        polys.sort(key=len)
        nxt = [_multiply(polys[k], polys[k + 1], cap) for k in range(0, len(polys) - 1, 2)]
        if len(polys) % 2:
            nxt.append(polys[-1])
        polys = nxt
    return polys[0]


def _direct_distribution(
    groups: Sequence[tuple[int, int]], p: float, cap: int
) -> NDArray[np.float64]:
    dist = np.zeros(cap)
    dist[0] = 1.0
    top = 1  # entries at and beyond ``top`` are still zero
    for w, c in groups:
        if w == 0:
            continue
        pmf = _binomial_pmf(c, p)
        new = np.zeros(cap)
        for j in range(c + 1):
            shift = j * w
            if shift >= cap:
                break
            end = min(cap, top + shift)
            new[shift:end] += pmf[j] * dist[: end - shift]
        dist, top = new, min(cap, top + c * w)
    return dist


def _windows(
    dist: NDArray[np.float64], counts: Counter[int], p: float, hi: int
) -> dict[int, float]:
    """For each distinct weight w: P(others in [hi - w, hi)), where ``dist`` is the
    distribution of all players' weight (which includes one more player of weight w),
    every player joining with probability ``p`` <= 1/2.

    With r = p / (1 - p) <= 1, removing the factor (1 - p + p x^w) is
    g = sum_j (-r)^j x^(jw) dist / (1 - p): an alternating series of window sums of
    the distribution that decays (no growth of rounding errors). Terms below 1e-22
    of the first are dropped. All weights are done at once, as one ragged array.
    """
    ws = np.array(sorted(counts), dtype=np.int64)
    out = dict.fromkeys(counts, 0.0)
    live = ws[ws > 0]
    if hi <= 0 or len(live) == 0:
        return out
    # padded[k] = P(weight < k): 0 for k <= 0, 1 - (tail beyond cap) for k past the end.
    padded = np.concatenate([[0.0], np.cumsum(dist)])
    r = p / (1 - p)
    terms = -(-hi // live)
    if r < 1:
        terms = np.minimum(terms, int(np.log(1e-22) / np.log(r)) + 1 if r > 0 else 1)
    # One point more per weight than terms: block j is point j less point j + 1.
    starts = np.concatenate([[0], np.cumsum(terms + 1)[:-1]])
    j = np.arange(int(terms.sum() + len(terms))) - np.repeat(starts, terms + 1)
    edges = np.clip(hi - np.repeat(live, terms + 1) * j, 0, len(padded) - 1)
    values = padded[edges]
    blocks = values[:-1] - values[1:]
    with np.errstate(under="ignore"):
        series = np.where(j[1:] > 0, (-r) ** j[:-1].astype(np.float64) * blocks, 0.0)
    sums = np.add.reduceat(series, starts) / (1 - p)
    for wt, v in zip(live.tolist(), sums.tolist(), strict=True):
        out[wt] = float(v)
    return out


def swing_probabilities(weights: Sequence[int], quota: int, p: float) -> dict[int, float]:
    """For each distinct weight w: P(the others' weight lies in [quota - w, quota)),
    every other player joining independently with probability ``p``."""
    total = sum(weights)
    counts = Counter(weights)
    low = min(p, 1.0 - p)
    hi = quota if p <= 0.5 else total - quota + 1
    dist = weight_distribution(sorted(counts.items()), low, max(hi, 1))
    return _windows(dist, counts, low, hi)


def _both_sides(
    dist: NDArray[np.float64], counts: Counter[int], p: float, quota: int, total: int
) -> tuple[dict[int, float], dict[int, float]]:
    """Windows at p and at 1 - p from the one distribution at min(p, 1 - p).

    For p > 1/2 the complement is used: the others outside S join with probability
    1 - p, and S is in the window exactly when their weight is in
    [total - quota - w + 1, total - quota + 1).
    """
    low = min(p, 1.0 - p)
    below = _windows(dist, counts, low, quota)
    above = _windows(dist, counts, low, total - quota + 1)
    return (below, above) if p <= 0.5 else (above, below)


def _negligible(weights: Sequence[int], quota: int, p: float) -> bool:
    """Hoeffding: every player's swing probability at p is below 1e-18."""
    total, spread, w_max = _moments(tuple(weights))
    if spread == 0:
        return False
    low_gap = (quota - w_max) - p * total
    high_gap = p * (total - w_max) - (quota - 1)
    gap = max(low_gap, high_gap)
    return gap > 0 and np.exp(-2 * gap * gap / spread) < _SKIP_BELOW


@cache
def _moments(weights: tuple[int, ...]) -> tuple[int, float, int]:
    return sum(weights), float(sum(w * w for w in weights)), max(weights)


def banzhaf(weights: Sequence[int], quota: int) -> dict[int, float]:
    """Swing probability of a player of each weight when every coalition is equally likely."""
    return swing_probabilities(weights, quota, 0.5)


#: Entries of one block of distributions (nodes x weights) built together: small
#: enough to stay in cache.
_BLOCK = 262_144


def _direct_block(
    groups: Sequence[tuple[int, int]], ps: NDArray[np.float64], cap: int
) -> NDArray[np.float64]:
    """:func:`_direct_distribution` for several probabilities in (0, 1) at once (one
    row each): the same shifted sums, each numpy operation serving every row."""
    dist = np.zeros((len(ps), cap))
    dist[:, 0] = 1.0
    top = 1
    for w, c in groups:
        if w == 0:
            continue
        k = np.arange(c + 1)
        pmf = np.exp(
            _log_binomials(c)[None, :]
            + k[None, :] * np.log(ps)[:, None]
            + (c - k)[None, :] * np.log1p(-ps)[:, None]
        )
        new = np.zeros_like(dist)
        for j in range(c + 1):
            shift = j * w
            if shift >= cap:
                break
            end = min(cap, top + shift)
            new[:, shift:end] += pmf[:, j, None] * dist[:, : end - shift]
        dist, top = new, min(cap, top + c * w)
    return dist


def _distributions(
    groups: Sequence[tuple[int, int]], ps: Sequence[float], cap: int
) -> list[NDArray[np.float64]]:
    """Weight distributions at each probability: in blocks of rows where the direct
    method fits, else one by one (:func:`weight_distribution`)."""
    n = sum(c for _, c in groups)
    if n * cap > _DIRECT_BUDGET:
        return [weight_distribution(groups, p, cap) for p in ps]
    rows = max(1, _BLOCK // cap)
    out: list[NDArray[np.float64]] = []
    for k in range(0, len(ps), rows):
        out.extend(_direct_block(groups, np.asarray(ps[k : k + rows]), cap))
    return out


def shapley_shubik(weights: Sequence[int], quota: int) -> dict[int, float]:
    """Shapley–Shubik value of a player of each weight, by exact quadrature in p."""
    n, total = len(weights), sum(weights)
    counts = Counter(weights)
    groups = sorted(counts.items())
    m = max(1, (n + 1) // 2)
    nodes, node_weights = gauss_legendre(m)
    out = dict.fromkeys(counts, 0.0)
    cap = max(quota, total - quota + 1, 1)
    # Nodes come in pairs x, 1 - x: one distribution serves both.
    pairs = []
    for k in range((m + 1) // 2):
        x, mirror = float(nodes[k]), m - 1 - k
        keep_low = not _negligible(weights, quota, x)
        keep_high = mirror != k and not _negligible(weights, quota, float(nodes[mirror]))
        if keep_low or keep_high:
            pairs.append((k, mirror, keep_low, keep_high))
    xs = [float(nodes[k]) for k, _, _, _ in pairs]
    dists = _distributions(groups, [min(x, 1.0 - x) for x in xs], cap)
    for (k, mirror, keep_low, keep_high), x, dist in zip(pairs, xs, dists, strict=True):
        low, high = _both_sides(dist, counts, x, quota, total)
        for w in counts:
            if keep_low:
                out[w] += float(node_weights[k]) * low[w]
            if keep_high:
                out[w] += float(node_weights[mirror]) * high[w]
    return out


#: Seconds per (player x weight) step of the direct distribution, and per
#: (length x log2 length x log2 factors) unit of the FFT product tree, measured on the
#: 2-core reference machine (bench/power.py); used only to decide what to compute.
_DIRECT_SECONDS = 0.5e-9
_FFT_SECONDS = 2.1e-9
_NODE_SECONDS = 1e-3


def shapley_seconds(weights: Sequence[int], quota: int) -> float:
    """A deterministic estimate of :func:`shapley_shubik`'s running time, from n, the
    weights and the quota alone (no quadrature node is built).

    Gauss–Legendre nodes on [0, 1] are spread like the arcsine law, so the number of
    nodes in the band Hoeffding cannot skip is m (θ(b) - θ(a)) / π with
    θ(x) = arccos(1 - 2x); each costs one weight distribution.
    """
    n, total = len(weights), sum(weights)
    if n == 0 or total == 0:
        return 0.0
    _, spread, w_max = _moments(tuple(weights))
    cap = max(quota, total - quota + 1, 1)
    m = max(1, (n + 1) // 2)
    band = float(np.sqrt(spread * np.log(1 / _SKIP_BELOW) / 2))
    lo = min(max((quota - w_max - band) / total, 0.0), 1.0)
    hi = min(max((quota - 1 + band) / max(total - w_max, 1), 0.0), 1.0)
    theta = np.arccos(1 - 2 * np.array([lo, max(lo, hi)]))
    nodes = min(m, int(m * (theta[1] - theta[0]) / np.pi) + 2)
    groups = len(set(weights))
    if n * cap <= _DIRECT_BUDGET:
        per_node = _DIRECT_SECONDS * n * cap
    else:
        per_node = _FFT_SECONDS * 2 * cap * np.log2(2 * cap) * max(1.0, np.log2(groups))
    return float(nodes * (per_node + _NODE_SECONDS))
