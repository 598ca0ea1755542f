"""Replay frames: where everyone is, every few ticks, for the animated replay.

A run of up to PER_PERSON people keeps each person's cell and state per frame. A larger run
keeps, per frame, how many humans and zombies stand in each block of cells (a density map),
with blocks large enough that a floor has at most BLOCKS_PER_FLOOR of them.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..scenario.model import BITTEN, HALFBIE, HUMAN, ZOMBIE

PER_PERSON = 20_000
FRAMES_PER_RUN = 400
DENSITY_FRAMES_PER_RUN = 100
BLOCKS_PER_FLOOR = 65_536


@njit(cache=True)
def count_blocks(state, cell, rows, cols, block, block_cols, blocks_per_floor, humans, zombies):
    humans[:] = 0
    zombies[:] = 0
    plane = rows * cols
    for i in range(state.shape[0]):
        s = state[i]
        if s == HUMAN or s == BITTEN or s == HALFBIE or s == ZOMBIE:
            c = cell[i]
            floor = c // plane
            rest = c - floor * plane
            b = floor * blocks_per_floor + (rest // cols // block) * block_cols + rest % cols // block
            if s == ZOMBIE:
                zombies[b] += 1
            else:
                humans[b] += 1


class Frames:
    def __init__(self, sim):
        w, p = sim.world, sim.people
        self.per_person = p.count <= PER_PERSON
        wanted = FRAMES_PER_RUN if self.per_person else DENSITY_FRAMES_PER_RUN
        self.every = sim.scenario.record.frames or max(1, math.ceil(sim.ticks / wanted))
        count = sim.ticks // self.every + 1
        if self.per_person:
            self.state = np.zeros((count, p.count), np.uint8)
            self.cell = np.zeros((count, p.count), np.int32)
        else:
            self.block = max(1, math.ceil(math.sqrt(w.rows * w.cols / BLOCKS_PER_FLOOR)))
            self.block_rows = math.ceil(w.rows / self.block)
            self.block_cols = math.ceil(w.cols / self.block)
            blocks = len(w.floors) * self.block_rows * self.block_cols
            self.humans = np.zeros((count, blocks), np.uint32)
            self.zombies = np.zeros((count, blocks), np.uint32)

    def capture(self, sim, tick: int) -> None:
        """Keep frame tick // every if tick is a frame tick."""
        if tick % self.every:
            return
        k = tick // self.every
        p, w = sim.people, sim.world
        if self.per_person:
            self.state[k] = p.state
            self.cell[k] = p.cell
        else:
            count_blocks(p.state, p.cell, w.rows, w.cols, self.block, self.block_cols,
                         self.block_rows * self.block_cols, self.humans[k], self.zombies[k])

    def arrays(self) -> dict[str, np.ndarray]:
        if self.per_person:
            return {"frames.state": self.state, "frames.cell": self.cell}
        return {"frames.humans": self.humans, "frames.zombies": self.zombies}

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        for name, array in self.arrays().items():
            array[:] = arrays[name]
