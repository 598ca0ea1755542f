"""The `agents` kind with one cell, no movement and no behaviours against `stochastic`.

What the agents do in one cell (engine/interact.py): each tick every zombie, in id order, meets
the humans in id order; the human destroys it with probability f = fight * (0.5 + strength/255)
(strength 0 here: f = fight / 2), else it bites with probability b, and either ends the
zombie's turn. A bitten person turns later (incubation); halfbie = 0.

Whatever the number of humans, a contact that does something is a kill with probability
f / (f + (1 - f) b) and a bite otherwise, and the bitten all turn in the end. So the sequence of
bites and kills is that of the Alemi SZR with alpha = f / ((1 - f) b), whatever the timing:
the final number of humans has the same distribution in both kinds (the exact one of
theory.final_humans). Compared: 300 agent runs against 20,000 Gillespie runs and the exact
distribution, by a chi-square test on classes of survivors.
"""

import numpy as np
import pytest
from scipy import stats

from hyosan.engine.simulation import Simulation
from hyosan.models import theory
from hyosan.people.states import BITTEN, HUMAN, ZOMBIE
from hyosan.scenario import parse_scenario

from .stochastic import final_states

HUMANS, ZOMBIES, BITE, FIGHT = 12, 1, 0.3, 0.4
F = FIGHT / 2
ALPHA = F / ((1 - F) * BITE)

ONE_CELL = f"""
[scenario]
name = "one cell"
tick = "1s"
duration = "2000s"

[map]
cell = "1m"
capacity = 0
text = '''
###
#a#
###
'''

[map.rooms]
a = "cell"

[infection]
bite = {BITE}
fight = {FIGHT}
halfbie = 0
incubation = "3s"

[movement]
sense = 0
chase = 0
wander = 0

[[people]]
where = "cell"
count = {HUMANS}
traits = {{strength = 0}}

[[people]]
where = "cell"
count = {ZOMBIES}
state = "zombie"
traits = {{strength = 0}}
"""


def agents_survivors(seed: int) -> int:
    sim = Simulation(parse_scenario(ONE_CELL), seed)
    while not sim.done:
        sim.run(sim.tick + 20)
        state = sim.people.state
        if not np.isin(state, (ZOMBIE, BITTEN)).any() or not (state == HUMAN).any():
            break
    assert not np.isin(sim.people.state, (ZOMBIE, BITTEN)).any() or not (sim.people.state == HUMAN).any()
    return int((sim.people.state == HUMAN).sum())


def _classes(counts: np.ndarray) -> np.ndarray:
    """Survivors grouped: none, 1-6, 7-9, 10, 11, 12 (each class expects >= 5 of 300 runs)."""
    edges = [0, 1, 7, 10, 11, 12, HUMANS + 1]
    return np.array([counts[a:b].sum() for a, b in zip(edges[:-1], edges[1:])])


@pytest.mark.slow
def test_one_cell_of_agents_ends_like_the_stochastic_szr():
    runs = 300
    agents = np.bincount([agents_survivors(seed) for seed in range(runs)], minlength=HUMANS + 1)
    gillespie = np.bincount(final_states("alemi-szr", {"beta": 1.0, "kappa": ALPHA},
                                         {"S": HUMANS, "Z": ZOMBIES}, 20_000, seed=2)[:, 0],
                            minlength=HUMANS + 1)
    exact = theory.final_humans(HUMANS, ZOMBIES, ALPHA)
    assert (_classes(exact) * runs >= 5).all()
    p_agents = stats.chisquare(_classes(agents), _classes(exact) * runs).pvalue
    p_gillespie = stats.chisquare(_classes(gillespie), _classes(exact) * 20_000).pvalue
    table = np.stack([_classes(agents), _classes(gillespie)])
    p_between = stats.chi2_contingency(table).pvalue
    assert min(p_agents, p_gillespie, p_between) > 1e-3, (p_agents, p_gillespie, p_between)
