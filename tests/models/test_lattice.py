"""The lattice kind: hops conserve people and spread like a random walk; the synthetic country."""

import numpy as np
import pytest

from hyosan.models.cells import build_cells
from hyosan.models.country import synthetic_density
from hyosan.models.lattice import hops_in, hops_out, land_neighbours, nsm_until
from hyosan.models.reactions import compile_system
from hyosan.scenario.model_spec import LatticeSpec

SIDE, WALKERS, HOP, DAYS = 61, 20_000, 1.0, 4.0


def walkers_at_centre():
    x = np.zeros((SIDE * SIDE, 3), np.int64)
    x[(SIDE // 2) * SIDE + SIDE // 2, 1] = WALKERS
    return x


def spread(x):
    """Variance of the walkers' column around the centre, in cells squared."""
    cols = np.arange(SIDE * SIDE) % SIDE - SIDE // 2
    return float((x[:, 1] * cols**2).sum() / x[:, 1].sum())


def no_reactions():
    s = compile_system("alemi-szr", {"beta": 0.0, "kappa": 0.0}, population=1.0)
    return s, land_neighbours(np.ones(SIDE * SIDE, bool), SIDE)


def test_exact_hops_spread_like_a_random_walk():
    """Next-subvolume method, hops only: the variance along one axis is 2 h t (h per direction);
    20,000 walkers, standard error about 1%."""
    s, mask = no_reactions()
    x = walkers_at_centre()
    hop = np.array([0.0, HOP, 0.0])
    for day in range(int(DAYS)):
        nsm_until(x, mask, SIDE, float(day), day + 1.0, s.reactions, np.ones(SIDE * SIDE), hop, 7,
                  day)
    assert x[:, 1].sum() == WALKERS and (x >= 0).all()
    assert spread(x) == pytest.approx(2 * HOP * DAYS, rel=0.04)


def test_tau_hops_spread_as_their_leap_says():
    """Tau leaps of 0.05 day: each walker leaves with p = 4 h tau = 0.2 per leap, so the
    variance is (t / tau) p / 2 = 2 h t, as for exact hops, while 4 h tau <= 1."""
    _, mask = no_reactions()
    x = walkers_at_centre()
    moves = np.zeros((SIDE * SIDE, 4), np.int32)
    tau = 0.05
    for step in range(int(DAYS / tau)):
        hops_out(x, 1, mask, HOP, tau, 3, step, moves)
        hops_in(x, 1, SIDE, moves)
    assert x[:, 1].sum() == WALKERS and (x >= 0).all()
    assert spread(x) == pytest.approx(DAYS / tau * min(1.0, 4 * HOP * tau) / 2, rel=0.04)
    assert spread(x) == pytest.approx(2 * HOP * DAYS, rel=0.04)


def test_nobody_hops_into_the_sea():
    land = np.ones(SIDE * SIDE, bool)
    land[: SIDE * (SIDE // 2)] = False  # the top half is water
    mask = land_neighbours(land, SIDE)
    x = walkers_at_centre()
    moves = np.zeros((SIDE * SIDE, 4), np.int32)
    for step in range(40):
        hops_out(x, 1, mask, HOP, 0.1, 1, step, moves)
        hops_in(x, 1, SIDE, moves)
    assert x[~land].sum() == 0 and x[:, 1].sum() == WALKERS


def test_the_synthetic_country_is_deterministic_and_whole():
    a = synthetic_density(200, 120, 1_000_000, 4)
    assert np.array_equal(a, synthetic_density(200, 120, 1_000_000, 4))
    assert a[a >= 0].sum() == 1_000_000
    assert not np.array_equal(a, synthetic_density(200, 120, 1_000_000, 5))


def test_zombies_start_where_people_live():
    s = compile_system("alemi-szr", population=1.0)
    spec = LatticeSpec(generate={"width": 100, "height": 60, "people": 100_000, "seed": 1}, cell=3000.0,
                       diffusion={"Z": 9.0}, zombies=50, where="people")
    cells, x = build_cells(spec, s, seed=3)
    assert x.sum() == 100_000 and x[:, 1].sum() == 50
    assert (x[x[:, 1] > 0, 0] + x[x[:, 1] > 0, 1] > 0).all()
    assert cells.hop[1] == pytest.approx(1.0) and cells.hop[0] == 0.0
