"""The decide phase: everyone picks a step, and people sheltering close doors."""

from __future__ import annotations

import numpy as np

from ..behaviours import decoy, door_defence, hostile, ranged, rear_guard, upkeep
from ..behaviours.shelter import close_doors
from ..behaviours.walk import pursue_and_flee, wander
from ..behaviours import carry, rescue
from ..behaviours import messenger, seek_kin
from ..behaviours import defend_infected, groups, self_isolate
from ..people.where import people_in
from ..scenario.model import ZOMBIE


def decide(sim) -> None:
    w, p, f, r = sim.world, sim.people, sim.fields, sim.rates
    walk = sim.walk
    wander(sim.seed, sim.tick, p.state, p.cell, w.links, w.link_offsets, walk.zombie_ways,
           f.stroll_ways, r.wander, sim.scratch.target, p.action)
    if r.sense >= 0 or r.chase >= 0 or _anyone_alert(p):
        pursue_and_flee(sim.seed, sim.tick, _may_react(sim), p.state, p.cell, p.alert, w.links,
                        w.link_bits, w.link_offsets, walk.human, walk.zombie, walk.shelter,
                        walk.safety, walk.safety_step, f.zombie_near, f.human_near, r.sense,
                        r.chase, sim.scratch.target, p.action)
    if r.close_doors:
        kind, actor, target, cell = sim.events.buffer(sim.event_room)
        n = close_doors(w.door_cells, sim.doors.state, w.links, walk.shelter, f.zombie_near,
                        r.sense, p.state, p.forbid, sim.bins.cell_start, sim.bins.order, kind,
                        actor, target, cell, 0)
        sim.events.commit(sim.tick, n)
    upkeep.decide(sim)  # needs run down even when nobody tends them (upkeep off)
    groups_at = sim.scenario.behaviours
    if groups_at.expel.on:
        defend_infected.decide(sim)  # the vote on an infected member; defending sways it
    if groups_at.self_isolate.on:
        self_isolate.decide(sim)
    groups.decide(sim)  # members keep with their leader; outcasts walk away even with follow off
    acts = sim.scenario.behaviours
    sim.doors.holders[:] = 0.0
    if acts.decoy.on:
        decoy.decide(sim)
    if acts.hold_door.on or acts.barricade.on:
        door_defence.decide(sim)
    if acts.carry.on:
        carry.decide(sim)
    if acts.rescue.on:
        rescue.decide(sim)
    if acts.messenger.on:
        messenger.decide(sim)
    seek_kin.decide(sim)  # reunions are watched even when nobody seeks (seek_kin off)
    if acts.ranged.on:
        ranged.decide(sim)  # a shot stands the archer still this tick
    if acts.hostile.on:
        hostile.decide(sim)
    if acts.rear_guard.on:
        rear_guard.decide(sim)


def _anyone_alert(people) -> bool:
    """Without the alert column, nobody has been alerted yet (columns are made on first read)."""
    return "alert" in people.columns and bool(people.alert.any())


def _may_react(sim) -> np.ndarray:
    """Zombies, the alert, and everyone in the cells within sense of a zombie (listed by the
    sense phase's search): nobody else does anything but wander."""
    p = sim.people
    return people_in(sim.fields.cells_near_zombies(), sim.bins.cell_start, sim.bins.order,
                     also=(p.alert != 0) | (p.state == ZOMBIE))
