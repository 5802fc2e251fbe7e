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
    return (1 - x[::-1]) / 2, w[::-1] / 2


def _binomial_pmf(c: int, p: float) -> NDArray[np.float64]:
    j = np.arange(c + 1)
    logfact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, c + 1)))])
    logs = logfact[c] - logfact[j] - logfact[c - j]
    with np.errstate(divide="ignore"):
        logs = logs + j * np.log(p) + (c - j) * np.log1p(-p)
    return np.exp(logs)


def _multiply(a: NDArray[np.float64], b: NDArray[np.float64], cap: int) -> NDArray[np.float64]:
    if min(len(a), len(b)) <= 64:
        out = np.convolve(a, b)[:cap]
    else:
        size = len(a) + len(b) - 1
        nfft = 1 << (size - 1).bit_length()
        out = np.fft.irfft(np.fft.rfft(a, nfft) * np.fft.rfft(b, nfft), nfft)[: min(size, cap)]
    return np.maximum(out, 0.0)


def weight_distribution(groups: Sequence[tuple[int, int]], p: float, cap: int) -> NDArray[np.float64]:
    """P(total weight = k) for k < cap, each player joining with probability p.

    ``groups`` lists (weight, how many players). Factors are multiplied pairwise
    (a product tree), so FFT sizes stay balanced.
    """
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


def _window_after_removal(dist: NDArray[np.float64], w: int, p: float, hi: int) -> float:
    """P(others in [hi - w, hi)) where ``dist`` includes one more player of weight w.

    With r = p / (1 - p) <= 1, removing the factor (1 - p + p x^w) is
    g = sum_j (-r)^j x^(jw) dist / (1 - p): a decaying alternating series of window
    sums of ``dist``, with no growth of rounding errors.
    """
    if hi <= 0:
        return 0.0
    if w == 0:
        return 0.0
    m = -(-hi // w)
    padded = np.zeros(m * w)
    part = dist[:hi]
    offset = m * w - hi
    padded[offset : offset + len(part)] = part
    blocks = padded.reshape(m, w).sum(axis=1)[::-1]
    r = p / (1 - p)
    signs = (-r) ** np.arange(m)
    return float(np.dot(signs, blocks) / (1 - p))


def swing_probabilities(weights: Sequence[int], quota: int, p: float) -> dict[int, float]:
    """For each distinct weight w: P(the others' weight lies in [quota - w, quota)),
    every other player joining independently with probability ``p``."""
    total = sum(weights)
    counts = Counter(weights)
    if p > 0.5:
        # Complement: the others outside S join with probability 1 - p, and S is in
        # the window exactly when their weight is in [total - quota - w + 1, total - quota + 1).
        p, hi = 1.0 - p, total - quota + 1
    else:
        hi = quota
    if hi <= 0:
        return dict.fromkeys(counts, 0.0)
    dist = weight_distribution(sorted(counts.items()), p, hi)
    return {w: _window_after_removal(dist, w, p, hi) for w in counts}


def _negligible(weights: Sequence[int], quota: int, p: float) -> bool:
    """Hoeffding: every player's swing probability at p is below 1e-18."""
    total = sum(weights)
    spread = float(sum(w * w for w in weights))
    if spread == 0:
        return False
    w_max = max(weights)
    low_gap = (quota - w_max) - p * total
    high_gap = p * (total - w_max) - (quota - 1)
    gap = max(low_gap, high_gap)
    return gap > 0 and np.exp(-2 * gap * gap / spread) < _SKIP_BELOW


def banzhaf(weights: Sequence[int], quota: int) -> dict[int, float]:
    """Swing probability of a player of each weight when every coalition is equally likely."""
    return swing_probabilities(weights, quota, 0.5)


def shapley_shubik(weights: Sequence[int], quota: int) -> dict[int, float]:
    """Shapley–Shubik value of a player of each weight, by exact quadrature in p."""
    n = len(weights)
    nodes, node_weights = gauss_legendre(max(1, (n + 1) // 2))
    out = dict.fromkeys(set(weights), 0.0)
    for x, wx in zip(nodes, node_weights, strict=True):
        if _negligible(weights, quota, float(x)):
            continue
        for w, value in swing_probabilities(weights, quota, float(x)).items():
            out[w] += float(wx) * value
    return out
