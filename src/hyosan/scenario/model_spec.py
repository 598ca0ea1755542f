"""What a science scenario asks for, as frozen dataclasses (built by scenario.science)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

DAY = 86400.0  # seconds; the time unit of every rate in science mode


@dataclass(frozen=True)
class Strike:
    """An impulsive eradication: at `at` (seconds), a fraction `kill` of the zombies is destroyed."""

    at: float
    kill: float


@dataclass(frozen=True)
class ModelSpec:
    name: str  # a key of scenario.catalog.MODELS
    parameters: dict[str, float] = field(default_factory=dict)  # rates per day; missing: defaults
    initial: dict[str, int] = field(default_factory=dict)  # species -> count; missing: defaults
    method: str = "exact"  # "exact" or "tau"
    replicas: int = 1  # stochastic: independent runs with the same parameters
    strikes: tuple[Strike, ...] = ()


@dataclass(frozen=True, eq=False)
class LatticeSpec:
    """Where the people of a lattice live. Exactly one of `density`, `generate` and `sites`."""

    density: np.ndarray | None = None  # float64 people per cell (NaN: water), from a raster file
    generate: dict[str, int] = field(default_factory=dict)  # synthetic country: width, height, people, seed
    sites: tuple[int, int] | None = None  # (height, width): one person per site
    cell: float = 1000.0  # metres
    diffusion: dict[str, float] = field(default_factory=dict)  # species -> km^2 per day
    zombies: int = 1  # initial zombies
    where: str = "people"  # "people" (in proportion to the population), "densest" or "centre"
    snapshots: int = 6  # per-cell maps kept at this many times
