"""heroes.md: the bravest things a run's people did, ranked by the lives each act saved.

One entry per person (their act that saved the most), only acts whose interval lies above
zero, at most ten; acts that cost lives have a short section of their own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..behaviours.registry import credited_acts
from ..events import KINDS
from ..output.atomic import write_text
from ..people.states import ESCAPED, HALFBIE, HUMAN, STATE_NAMES
from .heroes import ERROR, HALF_WIDTH, LOOKS, SCENE_M, Credit, MapTasks, credit_acts, in_process

HEROES = "heroes.md"
ENTRIES = 10
LEVEL = round(100 * (1 - ERROR))  # the intervals' confidence, in percent, over all looks
TARGET_IS_A_ZOMBIE = ("shot",)  # acts whose event's target is the zombie, not someone helped

FATE = {
    HUMAN: "{who} lived through it.",
    HALFBIE: "{who} was bitten but stayed lucid: a halfbie.",
    ESCAPED: "{who} got away.",
}


def write_run_heroes(run_dir: Path, sim, budget: float, acts: int, horizon_s: float,
                     map_tasks: MapTasks = in_process) -> None:
    """Credit the acts of a finished run and write its heroes.md."""
    credits = credit_acts(sim.scenario, sim.seed, sim.events.arrays(), budget=budget, acts=acts,
                          horizon_s=horizon_s, named=sim.people.names, map_tasks=map_tasks)
    write_heroes(Path(run_dir) / HEROES, sim, credits, horizon_s)


def write_heroes(path: Path, sim, credits: list[Credit], horizon_s: float) -> None:
    write_text(path, heroes_markdown(sim, credits, horizon_s))


def best_per_person(credits: list[Credit]) -> list[Credit]:
    """Each person's act that saved the most, among those whose interval is above zero;
    ranked by lives saved, at most ENTRIES."""
    best: dict[int, Credit] = {}
    for c in credits:
        if c.at_end.low > 0 and (c.act.actor not in best or c.saved > best[c.act.actor].saved):
            best[c.act.actor] = c
    return sorted(best.values(), key=lambda c: (-c.saved, c.act.tick, c.act.actor))[:ENTRIES]


def heroes_markdown(sim, credits: list[Credit], horizon_s: float) -> str:
    s = sim.scenario
    lines = [f"# The bravest things the people of {s.name} did", "",
             f"Seed {sim.seed}. Each act was played on again from the moment it was done, with the act "
             f"and without it (the same dice both times), {LOOKS[0]} times and then more, up to "
             f"{LOOKS[-1]}, until the difference was clear or known to within {HALF_WIDTH:g} "
             f"{'life' if HALF_WIDTH == 1 else 'lives'}. Lives saved is the difference in survivors at "
             f"the end of the run, with a {LEVEL}% interval (shared over the looks, so that an act that "
             f"changed nothing is listed here at most {100 - LEVEL}% of the time).", ""]
    ranked = best_per_person(credits)
    if not ranked:
        lines += ["No act replayed in this run clearly saved lives.", ""]
    for rank, c in enumerate(ranked, 1):
        lines += [f"## {rank}. {_who(sim, c.act.actor)}: {_what(sim, c)}", "", _story(sim, c), "",
                  _measure(c, horizon_s), ""]
    costly = sorted((c for c in credits if c.at_end.high < 0), key=lambda c: c.saved)
    if costly:
        lines += ["## Acts that cost lives", ""]
        lines += [f"- {_who(sim, c.act.actor)} {_what(sim, c)}: {round(-c.saved)} fewer survived "
                  f"({LEVEL}% interval {-c.at_end.high:.1f} to {-c.at_end.low:.1f}; {c.replicas} replicas)."
                  for c in costly]
        lines.append("")
    unclear = len(credits) - len(costly) - sum(c.at_end.low > 0 for c in credits)
    if unclear:
        lines += [f"{unclear} {'act' if unclear == 1 else 'acts'} replayed had no clear effect either way.", ""]
    return "\n".join(lines)


def _what(sim, c: Credit) -> str:
    a = c.act
    return credited_acts()[a.kind].format(them="themself", whom=_group(sim, a.actor), place=_place(sim, a.cell),
                                         target=_who(sim, a.target) if a.target >= 0 else "someone")


def _story(sim, c: Credit) -> str:
    """Where and when, what became of whom they did it for, and of them."""
    a = c.act
    who = _who(sim, a.actor)
    around = ""
    if c.scene is not None:
        others = c.scene.people - 1
        around = (f", with {_count(c.scene.zombies, 'zombie')} and {_count(others, 'other person', 'other people')} "
                  f"within {SCENE_M:g} m")
    out = [f"It was {_clock(a.tick * sim.scenario.tick)} into the outbreak, in {_place(sim, a.cell)}{around}."]
    bitten = _bites_on(sim, a.actor, after=a.tick)
    if a.target >= 0 and a.target != a.actor and a.kind not in TARGET_IS_A_ZOMBIE:
        out.append(_fate(sim, a.target, _who(sim, a.target)))
    if bitten:
        out.append(f"{who} was bitten {_span(bitten * sim.scenario.tick)} later.")
    out.append(_fate(sim, a.actor, who))
    return " ".join(out)


def _measure(c: Credit, horizon_s: float) -> str:
    e, h = c.at_end, c.at_horizon
    return (f"*Lives saved: **{round(e.saved)}** by the end ({LEVEL}% interval {e.low:.1f} to {e.high:.1f}); "
            f"{round(h.saved)} when counted {_span(horizon_s)} after the act. {round(c.with_act)} survived with it, "
            f"{round(c.without_act)} without, over {c.replicas} replicas.*")


def _bites_on(sim, person: int, after: int) -> int:
    """Ticks from `after` to when `person` was first bitten after it (0: not bitten)."""
    ev = sim.events.arrays()
    hit = np.flatnonzero((ev["kind"] == KINDS.index("bite")) & (ev["target"] == person) & (ev["tick"] >= after))
    return int(ev["tick"][hit].min()) - after if len(hit) else 0


def _fate(sim, person: int, who: str) -> str:
    state = int(sim.people.state[person])
    return FATE.get(state, "{who} did not survive: in the end they were " + STATE_NAMES[state] + ".").format(who=who)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{'no' if n == 0 else n} {one if n == 1 else many or one + 's'}"


def _who(sim, person: int) -> str:
    return sim.people.names.get(person, f"Person #{person}")


def _group(sim, person: int) -> str:
    g = int(sim.people.group[person])
    return f"the rest of {sim.people.groups[g]}" if g >= 0 else "the others"


def _place(sim, cell: int) -> str:
    """The room of a cell; for a door, the room behind it (a shelter first)."""
    w = sim.world
    if w.zone[cell] >= 0:
        return w.rooms[w.zone[cell]].name
    near = [nb for nb in w.links[cell, :4] if nb >= 0 and w.zone[nb] >= 0]
    near.sort(key=lambda nb: -int(w.in_shelter[nb]))
    if near:
        return w.rooms[w.zone[near[0]]].name
    return f"floor {w.floors[int(w.position(cell)[0])]}"


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _span(seconds: float) -> str:
    unit, size = ("hour", 3600) if seconds >= 3600 else ("minute", 60) if seconds >= 60 else ("second", 1)
    n = seconds / size
    return f"{n:g} {unit}{'' if n == 1 else 's'}"


__all__ = ["write_heroes", "heroes_markdown", "best_per_person"]
