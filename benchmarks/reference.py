"""The reference model of the benchmarks, "lattice SZR", in the numbers every implementation reads.

N people on a torus of `side(N)` x `side(N)` cells (about DENSITY a cell). People 0 .. N - Z - 1
start human and N - Z .. N - 1 zombie (Z = `zombies(N)`), each in a uniformly random cell.
A tick, in this order:

1. move: every living person (human, bitten or zombie) steps north, east, south or west with
   probability 1/6 each and stays with probability 1/3;
2. interact: in each cell, each zombie in id order meets each human of the cell in id order:
   the human destroys the zombie with probability P_KILL (it is dead and stops), else the
   zombie bites with probability P_BITE (the human is bitten and the zombie stops: one bite a
   tick); someone bitten earlier in the tick is no longer a human to meet;
3. progress: people bitten before this tick turn into zombies (bitten in tick t, a zombie at
   the end of tick t + 1).

A pair's outcome can be drawn with one uniform u: destroyed if u < P_KILL, a bite if
P_KILL <= u < P_EVENT, nothing otherwise.
"""

from __future__ import annotations

import math
from pathlib import Path

SCENARIO = Path(__file__).with_name("lattice-szr.toml")  # the model as a hyosan scenario
TICKS = 100
DENSITY = 4
ZOMBIE_SHARE = 0.01
P_KILL = 0.04
P_BITE = 0.05
P_EVENT = P_KILL + (1.0 - P_KILL) * P_BITE
STATES = ("human", "bitten", "zombie", "dead")  # what every implementation counts at the end


def side(n: int) -> int:
    """Cells along each edge of the torus for n people."""
    return max(1, round(math.sqrt(n / DENSITY)))


def zombies(n: int) -> int:
    return max(1, round(n * ZOMBIE_SHARE))
