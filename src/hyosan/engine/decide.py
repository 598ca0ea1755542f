"""The decide phase's first row: everyone picks a step, wandering, fleeing or chasing.
The behaviours' rows that follow may change it (see `hyosan run --plan`)."""

from __future__ import annotations

import numpy as np

from ..behaviours.walk import Walkers, pursue_and_flee, wander
from ..people.where import people_in
from ..people.states import ZOMBIE


def walk(sim) -> None:
    w, p, f, r = sim.world, sim.people, sim.fields, sim.rates
    walk = sim.walk
    wander(sim.seed, sim.tick, p.state, p.cell, w.links, w.link_offsets, walk.zombie_ways,
           f.stroll_ways, r.wander, sim.choices)
    if r.sense >= 0 or r.chase >= 0 or _anyone_alert(p):
        pursue_and_flee(sim.seed, sim.tick, _may_react(sim), p.view(Walkers), w.graph, walk.ways,
                        sim.senses, sim.choices)


def _anyone_alert(people) -> bool:
    """Without the alert column, nobody has been alerted yet (columns are made on first read)."""
    return "alert" in people.columns and bool(people.alert.any())


def _may_react(sim) -> np.ndarray:
    """Zombies, the alert, and everyone in the cells within sense of a zombie (listed by the
    sense phase's search): nobody else does anything but wander."""
    p = sim.people
    return people_in(sim.fields.cells_near_zombies(), sim.bins.occupants,
                     also=(p.alert != 0) | (p.state == ZOMBIE))
