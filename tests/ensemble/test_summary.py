"""Statistics of the summary: quantiles, t and Wilson intervals."""

import math

import numpy as np
import pytest

from hyosan.ensemble.summary import STATS, describe, wilson


def test_describe_gives_the_usual_statistics():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    stats = dict(zip(STATS, describe(x)))
    assert stats["n"] == 4 and stats["mean"] == 2.5 and stats["median"] == 2.5
    assert stats["sd"] == pytest.approx(np.std(x, ddof=1))
    half = 3.182446305284263 * stats["sd"] / 2  # t(0.975, 3) sd / sqrt(4)
    assert (stats["ci_low"], stats["ci_high"]) == (1.0, 4.0)  # 2.5 -+ 2.05, clipped to the runs' range
    many = dict(zip(STATS, describe(np.tile(x, 10))))
    half = 2.0226909200367595 * many["sd"] / math.sqrt(40)  # t(0.975, 39)
    assert (many["ci_low"], many["ci_high"]) == pytest.approx((2.5 - half, 2.5 + half))
    assert stats["q025"] == pytest.approx(1.075) and stats["q975"] == pytest.approx(3.925)


def test_one_run_has_no_spread_and_a_proportion_gets_wilsons_interval():
    one = dict(zip(STATS, describe(np.array([7.0]))))
    assert one["mean"] == 7.0 and math.isnan(one["sd"]) and math.isnan(one["ci_low"])
    wins = dict(zip(STATS, describe(np.array([0.0] * 20), binary=True)))
    assert wins["ci_low"] == 0.0 and wins["ci_high"] == pytest.approx(0.1611, abs=1e-4)
    assert wilson(0.5, 100) == pytest.approx((0.4038, 0.5962), abs=1e-4)
