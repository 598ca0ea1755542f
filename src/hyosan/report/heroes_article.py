"""heroes.md: the bravest things a run's people did, ranked by the lives each act saved."""

from __future__ import annotations

from pathlib import Path


from ..output.atomic import write_text
from ..people.states import ESCAPED, HALFBIE, HUMAN, STATE_NAMES
from ..behaviours.registry import credited_acts
from .heroes import Credit

FATE = {
    HUMAN: "{who} lived through it.",
    HALFBIE: "{who} was bitten but stayed lucid: a halfbie.",
    ESCAPED: "{who} got away.",
}


def write_heroes(path: Path, sim, credits: list[Credit], replicas: int, horizon_s: float | None) -> None:
    write_text(path, heroes_markdown(sim, credits, replicas, horizon_s))


def heroes_markdown(sim, credits: list[Credit], replicas: int, horizon_s: float | None) -> str:
    s = sim.scenario
    when = "at the end of the run" if horizon_s is None else f"{_span(horizon_s)} after each act"
    lines = [f"# The bravest things the people of {s.name} did", "",
             f"Seed {sim.seed}. Each act was replayed {replicas} times with the act and {replicas} "
             f"times without it, with the same dice each time; the lives it saved are the "
             f"difference in survivors {when}, with a 90% interval.", ""]
    if not credits:
        lines.append("Nobody did anything that the heroes report credits in this run.")
        return "\n".join(lines) + "\n"
    for rank, c in enumerate(credits, 1):
        a = c.act
        who = _who(sim, a.actor)
        place = _place(sim, a.cell)
        what = credited_acts()[a.kind].format(them="themself", whom=_group(sim, a.actor), place=place,
                                   target=_who(sim, a.target) if a.target >= 0 else "someone")
        lines.append(f"## {rank}. {who} {what}")
        lines.append("")
        lines.append(f"*{_clock(a.tick * s.tick)}, {place}. Lives saved: **{c.saved:+.1f}** "
                     f"(90% interval {c.low:+.1f} to {c.high:+.1f}).*")
        lines.append("")
        lines.append(" ".join(_sentences(sim, c, who)))
        lines.append("")
    return "\n".join(lines)


def _sentences(sim, c: Credit, who: str) -> list[str]:
    out = [f"With the act, {c.with_act:.1f} people were alive or safe afterwards; without it, "
           f"{c.without_act:.1f}."]
    if c.low > 0:
        out.append("The replicas agree that it mattered.")
    elif c.high < 0:
        out.append("Brave as it was, the replicas say it cost more lives than it saved.")
    else:
        out.append("The replicas cannot tell for sure whether it changed the outcome.")
    state = int(sim.people.state[c.act.actor])
    out.append(FATE.get(state, "{who} did not survive: in the end they were " + STATE_NAMES[state] + ".")
               .format(who=who))
    return out


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
    return f"{seconds / 60:g} minutes" if seconds < 7200 else f"{seconds / 3600:g} hours"


__all__ = ["write_heroes", "heroes_markdown"]


HEROES = "heroes.md"


def write_run_heroes(run_dir: Path, sim, replicas: int, acts: int = 5,
                     horizon_s: float | None = 1200.0) -> None:
    """Credit the acts of a finished run and write its heroes.md."""
    from .heroes import credit_acts

    credits = credit_acts(sim.scenario, sim.seed, sim.events.arrays(), replicas=replicas, acts=acts,
                          horizon_s=horizon_s, named=sim.people.names)
    write_heroes(Path(run_dir) / HEROES, sim, credits, replicas, horizon_s)
