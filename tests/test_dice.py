import numpy as np
import pytest
from numba import njit

from hyosan.dice import BITE, MOVE, sample, stream, uniform, uniform2
from hyosan.dice import BETA, EXPONENTIAL, FIXED, LOGNORMAL, NORMAL, UNIFORM
from hyosan.scenario.model import Distribution

N = 200_000


@njit
def _uniforms(seed, tick, purpose, n):
    key = stream(seed, tick, purpose)
    out = np.empty(n)
    for i in range(n):
        out[i] = uniform(key, i)
    return out


@njit
def _samples(seed, kind, a, b, n):
    key = stream(seed, 0, 7)
    out = np.empty(n)
    for i in range(n):
        out[i] = sample(key, i, kind, a, b)
    return out


def test_uniform_is_uniform_and_repeatable():
    u = _uniforms(1, 5, MOVE, N)
    assert u.min() >= 0.0 and u.max() < 1.0
    # 200k draws: mean within 4 standard errors of 1/2, and every decile near 10%.
    assert abs(u.mean() - 0.5) < 4 * np.sqrt(1 / 12 / N)
    deciles = np.histogram(u, bins=10, range=(0, 1))[0] / N
    assert np.all(np.abs(deciles - 0.1) < 0.004)
    assert np.array_equal(u, _uniforms(1, 5, MOVE, N))


def test_streams_differ_by_seed_tick_and_purpose():
    base = _uniforms(1, 5, MOVE, 1000)
    for other in (_uniforms(2, 5, MOVE, 1000), _uniforms(1, 6, MOVE, 1000), _uniforms(1, 5, BITE, 1000)):
        assert abs(np.corrcoef(base, other)[0, 1]) < 0.1
        assert not np.array_equal(base, other)


def test_pair_draws_depend_on_both_people():
    key = stream(3, 0, BITE)
    assert uniform2(key, 1, 2) != uniform2(key, 2, 1)
    assert uniform2(key, 1, 2) == uniform2(key, 1, 2)


@pytest.mark.parametrize("dist, mean, sd", [
    (Distribution(FIXED, 3.0), 3.0, 0.0),
    (Distribution(UNIFORM, 2.0, 6.0), 4.0, 4 / np.sqrt(12)),
    (Distribution(NORMAL, 10.0, 2.0), 10.0, 2.0),
    (Distribution(LOGNORMAL, 60.0, 0.5), 60.0 * np.exp(0.125), 60.0 * np.sqrt((np.exp(0.25) - 1) * np.exp(0.25))),
    (Distribution(BETA, 2.0, 5.0), 2 / 7, np.sqrt(10 / (49 * 8))),
    (Distribution(BETA, 0.5, 0.5), 0.5, np.sqrt(0.25 / 2)),
    (Distribution(EXPONENTIAL, 30.0), 30.0, 30.0),
])
def test_kernel_sampler_matches_the_distribution(dist, mean, sd):
    x = _samples(11, dist.kind, dist.a, dist.b, N)
    # mean within 5 standard errors; sd within 3%
    assert abs(x.mean() - mean) <= 5 * sd / np.sqrt(N) + 1e-12
    assert abs(x.std() - sd) <= 0.03 * sd + 1e-12
    assert abs(dist.mean() - mean) < 1e-9


def test_lognormal_median():
    x = _samples(5, LOGNORMAL, 120.0, 0.7, N)
    assert abs(np.median(x) / 120.0 - 1) < 0.01
