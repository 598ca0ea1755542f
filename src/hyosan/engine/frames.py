"""Replay frames: where everyone is, every few ticks, for the animated replay.

A run of up to PER_PERSON people keeps each person's cell and state per frame. A larger run
keeps, per frame, how many humans and zombies stand in each block of cells (a density map),
with blocks large enough that a floor has at most BLOCKS_PER_FLOOR of them.
"""

from __future__ import annotations

import math

import numpy as np
from numba import get_num_threads, njit, prange

from ..people.states import BITTEN, HALFBIE, HUMAN, ZOMBIE
from ..shares import share

PER_PERSON = 20_000
FRAMES_PER_RUN = 400
DENSITY_FRAMES_PER_RUN = 100
BLOCKS_PER_FLOOR = 65_536


@njit(parallel=True, cache=True)
def count_blocks(state, cell, block_of_cell, humans, zombies, parts):
    """Living humans (bitten and halfbies included) and zombies per block. Each of `parts`
    counts a share of the people into its own row; the rows are summed, so the counts do not
    depend on the number of parts."""
    people = state.shape[0]
    blocks = humans.shape[0]
    counts = np.zeros((parts, 2 * blocks), np.uint32)  # a row: humans by block, then zombies
    for part in prange(parts):
        mine = counts[part]
        lo, hi = share(part, parts, people)
        for i in range(lo, hi):
            s = state[i]
            zombie = s == ZOMBIE
            living = zombie | (s == HUMAN) | (s == BITTEN) | (s == HALFBIE)
            # the dead count, as nothing: no branch on a state that neighbours do not share
            mine[block_of_cell[cell[i]] + (blocks if zombie else 0)] += living
    humans[:] = counts[:, :blocks].sum(axis=0)
    zombies[:] = counts[:, blocks:].sum(axis=0)


def block_of_cells(floors: int, rows: int, cols: int, block: int) -> np.ndarray:
    """The density block of every cell: blocks of block x block cells, numbered row by row
    within each floor, floor after floor."""
    block_rows, block_cols = math.ceil(rows / block), math.ceil(cols / block)
    floor, row, col = np.indices((floors, rows, cols), dtype=np.int32)
    return ((floor * block_rows + row // block) * block_cols + col // block).ravel()


def frame_plan(people: int, ticks: int, every: int = 0) -> tuple[bool, int, int]:
    """Whether frames keep every person (else counts per block), the ticks between frames
    (`every`, the scenario's [record] frames, or 0 to pick), and how many frames a run keeps."""
    per_person = people <= PER_PERSON
    wanted = FRAMES_PER_RUN if per_person else DENSITY_FRAMES_PER_RUN
    every = every or max(1, math.ceil(ticks / wanted))
    return per_person, every, ticks // every + 1


class Frames:
    def __init__(self, sim):
        w, p = sim.world, sim.people
        self.per_person, self.every, count = frame_plan(p.count, sim.ticks, sim.scenario.record.frames)
        if self.per_person:
            self.state = np.zeros((count, p.count), np.uint8)
            self.cell = np.zeros((count, p.count), np.int32)
        else:
            self.block = max(1, math.ceil(math.sqrt(w.rows * w.cols / BLOCKS_PER_FLOOR)))
            self.block_rows = math.ceil(w.rows / self.block)
            self.block_cols = math.ceil(w.cols / self.block)
            blocks = len(w.floors) * self.block_rows * self.block_cols
            # two bytes a cell where they suffice: the pass reads it for every person
            small = np.uint16 if blocks <= np.iinfo(np.uint16).max + 1 else np.int32
            self.block_of_cell = block_of_cells(len(w.floors), w.rows, w.cols, self.block).astype(small)
            self.humans = np.zeros((count, blocks), np.uint32)
            self.zombies = np.zeros((count, blocks), np.uint32)

    def capture(self, sim, tick: int) -> None:
        """Keep frame tick // every if tick is a frame tick."""
        if tick % self.every:
            return
        k = tick // self.every
        p = sim.people
        if self.per_person:
            self.state[k] = p.state
            self.cell[k] = p.cell
        else:
            count_blocks(p.state, p.cell, self.block_of_cell, self.humans[k], self.zombies[k],
                         get_num_threads())

    def arrays(self) -> dict[str, np.ndarray]:
        if self.per_person:
            return {"frames.state": self.state, "frames.cell": self.cell}
        return {"frames.humans": self.humans, "frames.zombies": self.zombies}

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        for name, array in self.arrays().items():
            array[:] = arrays[name]
