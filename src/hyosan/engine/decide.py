"""The decide phase: everyone picks a step, and people sheltering close doors."""

from __future__ import annotations

from ..behaviours import decoy, door_defence
from ..behaviours.shelter import close_doors
from ..behaviours.walk import decide_walks


def decide(sim) -> None:
    w, p, f, r = sim.world, sim.people, sim.fields, sim.rates
    walk = sim.walk
    decide_walks(sim.seed, sim.tick, p.state, p.cell, p.alert, w.links, walk.human, walk.zombie,
                 f.zombie_open, w.in_shelter, walk.safety, f.zombie_near, f.human_near, r.sense,
                 r.chase, r.wander, sim.scratch.target, p.action)
    if r.close_doors:
        kind, actor, target, cell = sim.events.buffer(sim.event_room)
        n = close_doors(w.door_cells, sim.doors.state, w.links, w.in_shelter, f.zombie_near,
                        r.sense, p.state, p.forbid, sim.bins.cell_start, sim.bins.order, kind,
                        actor, target, cell, 0)
        sim.events.commit(sim.tick, n)
    acts = sim.scenario.behaviours
    sim.doors.holders[:] = 0.0
    if acts.decoy.on:
        decoy.decide(sim)
    if acts.hold_door.on or acts.barricade.on:
        door_defence.decide(sim)
