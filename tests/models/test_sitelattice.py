"""The site lattice of Alemi et al.: its bookkeeping and the two sides of the critical kill ratio."""

import numpy as np

from hyosan.models.sitelattice import S, Z, build_bonds, centre_start, outbreak_sizes, site_until


def test_the_active_bonds_stay_exactly_the_human_zombie_pairs():
    state = centre_start(40, 40, 4)
    active, where, count = build_bonds(state, 40)
    count, _, _ = site_until(state, 40, active, where, (count, 0.0, 0), 3.0, 1.0, 0.3, np.uint64(99))
    fresh_active, _, fresh_count = build_bonds(state, 40)
    assert count == fresh_count and set(active[:count]) == set(fresh_active[:fresh_count])
    assert (where[active[:count]] == np.arange(count)).all()
    assert (state == Z).sum() > 4 and (state == S).sum() > 0


def test_zombies_overrun_the_lattice_below_the_critical_kill_ratio_and_die_out_above():
    """100 outbreaks on 64 x 64 from one zombie: at alpha = 0.2 most reach most of the grid,
    at alpha = 1 almost none gets anywhere (hyosan measures alpha_c near 0.45, docs/models)."""
    low = outbreak_sizes(0.2, 64, 100, seed=1)
    high = outbreak_sizes(1.0, 64, 100, seed=1)
    assert np.mean(low > 0.5) > 0.6
    assert np.mean(high > 0.05) == 0.0
