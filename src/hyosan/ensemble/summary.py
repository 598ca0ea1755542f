"""The summary of a sweep: for each point and outcome, statistics over its replicas.

One row per (point, outcome), with the point's parameters: n, mean, sd, the 2.5%, 25%, 50%,
75% and 97.5% quantiles (where the outcome of one run falls), and ci_low..ci_high, a 95%
confidence interval of the mean (Student's t; Wilson's score interval for a 0/1 outcome such as
humans_win, whose mean is a probability); a t interval is clipped to the range of the runs.
Computed from the results in (point, replica) order, so the same results give the same summary
bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from .outcomes import BINARY
from .sweepfile import Sweep

KEYS = ("point", "replica", "member", "seed")
QUANTILES = {"q025": 0.025, "q25": 0.25, "median": 0.5, "q75": 0.75, "q975": 0.975}
STATS = ("n", "mean", "sd", *QUANTILES, "ci_low", "ci_high")
Z95 = 1.959963984540054


def outcome_names(results: pa.Table, columns: Sequence[str]) -> list[str]:
    return [c for c in results.column_names if c not in KEYS and c not in columns]


def summarise(results: pa.Table, sweep: Sweep) -> pa.Table:
    """The summary table of a sweep's results (which may cover only some of its tasks)."""
    outcomes = outcome_names(results, sweep.columns) if results.num_rows else []
    rows: dict[str, list] = {"point": [], **{c: [] for c in sweep.columns}, "outcome": [],
                             **{s: [] for s in STATS}}
    point_of = results["point"].to_numpy() if results.num_rows else np.zeros(0, np.int64)
    starts = np.searchsorted(point_of, [p.index for p in sweep.points], side="left")
    ends = np.searchsorted(point_of, [p.index for p in sweep.points], side="right")
    values = {o: results[o].to_numpy(zero_copy_only=False).astype(np.float64) for o in outcomes}
    for point, a, b in zip(sweep.points, starts, ends):
        if a == b:
            continue
        for outcome in outcomes:
            x = values[outcome][a:b]
            x = x[~np.isnan(x)]
            if not len(x):
                continue
            rows["point"].append(point.index)
            for c in sweep.columns:
                rows[c].append(point.columns[c])
            rows["outcome"].append(outcome)
            for key, value in zip(STATS, describe(x, outcome in BINARY)):
                rows[key].append(value)
    types = {"point": pa.int64(), "outcome": pa.string(), "n": pa.int64()}
    return pa.table({k: pa.array(v, types.get(k, pa.float64() if k in STATS else None)) for k, v in rows.items()})


def describe(x: np.ndarray, binary: bool = False) -> tuple:
    """n, mean, sd, the quantiles and the 95% interval of the mean of x."""
    n = len(x)
    mean = float(np.mean(x))
    sd = float(np.std(x, ddof=1)) if n > 1 else math.nan
    quantiles = [float(q) for q in np.quantile(x, list(QUANTILES.values()))]
    if binary:
        low, high = wilson(mean, n)
    else:  # the mean cannot lie outside the runs' range (counts and fractions are bounded)
        low, high = t_interval(mean, sd, n)
        low, high = max(low, float(x.min())), min(high, float(x.max()))
    return (n, mean, sd, *quantiles, low, high)


def t_interval(mean: float, sd: float, n: int) -> tuple[float, float]:
    if n < 2:
        return math.nan, math.nan
    from scipy.special import stdtrit  # the inverse of Student's t distribution function

    half = float(stdtrit(n - 1, 0.975)) * sd / math.sqrt(n)
    return mean - half, mean + half


def wilson(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval of a proportion p out of n."""
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)
