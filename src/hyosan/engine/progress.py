"""Progress of infections: a bitten person turns when their incubation is over, into a zombie
or, for a fraction of them, into a halfbie (infected but lucid). The fraction is the scenario's
`halfbie` share, raised by the person's `resistance`: of those who would turn zombie, that
share stays lucid."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit, prange

from ..people.states import BITTEN, HALFBIE, ZOMBIE
from ..dice import (HALFBIE as HALFBIE_DRAW, INCUBATION, Incubation, incubation_ticks, stream,
                   uniform)
from ..events import (HALFBIE as HALFBIE_EVENT, TURN, Parts, Sink, gather_parts, log_event,
                     part_slots)
from ..shares import share
from .skim import next_to_read, words


@njit(cache=True)
def incubate_the_bitten(seed: int, state: np.ndarray, turn_tick: np.ndarray,
                        incubation: Incubation) -> None:
    """Turn ticks for the people who are bitten when the run starts."""
    key = stream(seed, 0, INCUBATION)
    for i in range(state.shape[0]):
        if state[i] == BITTEN:
            turn_tick[i] = incubation_ticks(key, i, incubation)


Infected = namedtuple("Infected", "state turn_tick cell resistance")


@njit(parallel=True, cache=True)
def _turn_by_part(seed: int, tick: int, people: Infected, state_words: np.ndarray, halfbie: float,
                  sink: Sink, n: int, parts: Parts) -> None:
    """Part k of the people (Infected) logs its turns from slot parts.first[k] = n + its first
    person on. The bitten are few: eight people without any are passed over at once
    (state_words)."""
    state, turn_tick, cell, resistance = people.state, people.turn_tick, people.cell, people.resistance
    first, found = parts.first, parts.found
    # Whether a person would turn halfbie is a property of that person, drawn once.
    key = stream(seed, 0, HALFBIE_DRAW)
    people = state.shape[0]
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, people)
        first[part] = m = n + lo
        i = next_to_read(state_words, BITTEN, lo, hi)
        while i < hi:
            if state[i] == BITTEN and turn_tick[i] <= tick:
                lucid = uniform(key, i) < halfbie + (1.0 - halfbie) * (resistance[i] / 255.0)
                state[i] = HALFBIE if lucid else ZOMBIE
                kind = HALFBIE_EVENT if lucid else TURN
                m = log_event(sink, m, kind, i, -1, cell[i])
            i = next_to_read(state_words, BITTEN, i + 1, hi)
        found[part] = m - first[part]


def progress(sim) -> None:
    """The bitten whose incubation is over turn; the events are logged in increasing id."""
    p = sim.people
    sink, n = sim.events.sink()
    parts = part_slots()
    _turn_by_part(sim.seed, sim.tick, p.view(Infected), words(p.state), sim.rates.halfbie, sink, n,
                  parts)
    sim.events.wrote(gather_parts(parts.first, parts.found, sink, n))
