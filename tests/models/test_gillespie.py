"""The stochastic kind against exact results (fixed seeds; tolerances in standard errors)."""

import numpy as np
import pytest
from numba import get_num_threads, set_num_threads
from scipy import stats

from hyosan.models import ode, theory
from hyosan.models.reactions import Strikes, compile_system
from hyosan.models.tauleap import leap_replicas

from .stochastic import NONE, final_states


@pytest.mark.parametrize("z0, kappa", [(1, 0.8), (3, 0.8), (1, 0.5)])
def test_humans_win_as_often_as_the_gamblers_ruin_says(z0, kappa):
    """Every event is a bite with probability 1 / (1 + alpha): the humans win when the zombies'
    walk reaches 0 before the humans run out. 20,000 outbreaks in a town of 1,000."""
    n = 20_000
    X = final_states("alemi-szr", {"beta": 1.0, "kappa": kappa}, {"S": 1000, "Z": z0}, n, seed=11)
    won = np.mean(X[:, 1] == 0)
    exact = theory.humans_win(1000, z0, kappa)
    assert exact == pytest.approx(theory.humans_win_limit(z0, kappa), abs=1e-6)  # 1000 humans are plenty
    assert abs(won - exact) < 4 * np.sqrt(exact * (1 - exact) / n), (won, exact)


def test_the_final_number_of_humans_has_the_exact_distribution():
    """A small town (30 humans, 2 zombies, alpha = 0.6): the distribution of survivors over
    20,000 outbreaks against the exact absorption probabilities (chi-square, p > 0.001)."""
    n = 20_000
    X = final_states("alemi-szr", {"beta": 1.0, "kappa": 0.6}, {"S": 30, "Z": 2}, n, seed=5)
    exact = theory.final_humans(30, 2, 0.6)
    observed = np.bincount(X[:, 0], minlength=31)
    assert (exact * n >= 5).all()  # every class expects enough outbreaks for chi-square
    chi = stats.chisquare(observed, exact * n)
    assert chi.pvalue > 1e-3, chi


@pytest.mark.parametrize("people, replicas, tolerance", [(1_000, 2_000, 0.01), (100_000, 100, 0.001)])
def test_the_stochastic_mean_approaches_the_ode_as_the_population_grows(people, replicas, tolerance):
    """SIR, R0 = 2, 1% infected at the start: the mean final size over replicas against the
    final-size relation, which the ODE obeys; the gap shrinks like 1 / N."""
    i0 = people // 100
    X = final_states("sir", {"beta": 0.2, "gamma": 0.1}, {"S": people - i0, "I": i0}, replicas, seed=3)
    mean = X[:, 0].mean() / people
    exact = theory.sir_final_size(2.0, 0.99, 0.01)
    s = compile_system("sir", {"beta": 0.2, "gamma": 0.1}, {"S": people - i0, "I": i0})
    assert ode.solve(s, np.array([0.0, 3000.0]))[-1, 0] / people == pytest.approx(exact, rel=1e-6)
    assert abs(mean - exact) < tolerance, (mean, exact)


def test_replicas_do_not_depend_on_the_thread_count():
    threads = get_num_threads()
    try:
        set_num_threads(1)
        one = final_states("alemi-szr", {}, {"S": 200, "Z": 2}, 64, seed=9)
        set_num_threads(threads)
        many = final_states("alemi-szr", {}, {"S": 200, "Z": 2}, 64, seed=9)
    finally:
        set_num_threads(threads)
    assert np.array_equal(one, many)
    assert not np.array_equal(one, final_states("alemi-szr", {}, {"S": 200, "Z": 2}, 64, seed=10))


def test_tau_leaping_is_close_to_exact_for_a_large_population():
    """SIR with 100,000 people, leaps of 0.1 day: the mean number infected at day 40 within 1%
    of the exact mean (documented in docs/models/stochastic.md)."""
    s = compile_system("sir", {"beta": 0.3, "gamma": 0.1}, {"S": 99_000, "I": 1_000})
    exact = final_states("sir", {"beta": 0.3, "gamma": 0.1}, {"S": 99_000, "I": 1_000}, 50, seed=1, days=40.0)
    X = np.tile(s.x0, (50, 1))
    leap_replicas(X, np.zeros(50), 0, 40.0, 0.1, s.reactions, 1, Strikes(NONE, NONE), 1)
    assert X[:, 2].mean() == pytest.approx(exact[:, 2].mean(), rel=0.01)
    assert (X.sum(axis=1) == 100_000).all() and (X >= 0).all()
