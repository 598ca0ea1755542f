"""The cells of a lattice scenario: who lives where at the start, which cells are land, and
how fast each species hops (from [lattice] in the scenario)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .country import synthetic_density
from .lattice import land_neighbours
from .reactions import System
from ..scenario.model_spec import LatticeSpec


@dataclass(frozen=True, eq=False)
class Cells:
    height: int
    width: int
    land: np.ndarray  # bool per cell
    mask: np.ndarray  # uint8 per cell: its land neighbours (bit d for direction d)
    inv_n: np.ndarray  # float64 per cell: 1 / max(people at the start, 1)
    hop: np.ndarray  # float64 per species: hops per day to each neighbour
    cell_km: float

    @property
    def count(self) -> int:
        return self.height * self.width


def people_grid(spec: LatticeSpec) -> np.ndarray:
    """Whole people per cell (int64; -1 for water) from the raster or the synthetic country."""
    if spec.generate:
        g = spec.generate
        return synthetic_density(g["width"], g["height"], g["people"], g["seed"])
    density = spec.density
    water = np.isnan(density)
    want = np.where(water, 0.0, density)
    count = np.floor(want).astype(np.int64)
    short = int(round(want.sum())) - int(count.sum())
    if short > 0:
        order = np.argsort(-(want - count).ravel(), kind="stable")[:short]
        count.ravel()[order] += 1
    count[water] = -1
    return count


def build_cells(spec: LatticeSpec, system: System, seed: int) -> tuple[Cells, np.ndarray]:
    """The cells and the state x (cells, species) at the start, zombies placed from the seed."""
    grid = people_grid(spec)
    height, width = grid.shape
    land = (grid >= 0).ravel()
    people = np.maximum(grid, 0).ravel()
    x = np.zeros((people.size, len(system.species)), np.int64)
    human, zombie = system.index(system.model.human), system.index(system.model.zombie)
    x[:, human] = people
    _place_zombies(x, human, zombie, people, land, spec, width, seed)
    cell_km = spec.cell / 1000.0
    hop = np.array([spec.diffusion.get(s, 0.0) / cell_km**2 for s in system.species])
    cells = Cells(height, width, land, land_neighbours(land, width), 1.0 / np.maximum(people, 1), hop, cell_km)
    return cells, x


def _place_zombies(x: np.ndarray, human: int, zombie: int, people: np.ndarray, land: np.ndarray,
                   spec: LatticeSpec, width: int, seed: int) -> None:
    """Turn spec.zombies people into zombies: spread in proportion to the population (drawn from
    the seed), all in the densest cell, or all in the land cell nearest the centre."""
    n = spec.zombies
    if n == 0:
        return
    if spec.where == "people":
        rng = np.random.default_rng([seed, 0x2B1E])
        z = rng.multinomial(n, people / people.sum())
    else:
        z = np.zeros(people.size, np.int64)
        if spec.where == "densest":
            z[int(np.argmax(people))] = n
        else:
            rows, cols = np.divmod(np.flatnonzero(land), width)
            height = people.size // width
            far = (rows - (height - 1) / 2) ** 2 + (cols - (width - 1) / 2) ** 2
            z[np.flatnonzero(land)[int(np.argmin(far))]] = n
    turned = np.minimum(z, x[:, human])
    x[:, human] -= turned
    x[:, zombie] += z
