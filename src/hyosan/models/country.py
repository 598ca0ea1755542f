"""A synthetic country: a deterministic population raster made from a seed, no data files.

Land is a rounded blob with a noisy coast; a mountain range crosses it; people live in cities
whose sizes follow Zipf's law (the k-th city is 1/k of the largest), each a Gaussian blob,
and thinly in the countryside. The same (width, height, people, seed) give the same raster on
every machine: only numpy's PCG64 generator seeded from the seed and elementwise maths.
"""

from __future__ import annotations

import numpy as np

URBAN_SHARE = 0.8  # of the people, in cities
CITIES = 400


def _field(rng: np.random.Generator, y: np.ndarray, x: np.ndarray, modes: int, scale: float) -> np.ndarray:
    """Smooth random noise: a sum of plane waves with random directions, wavelengths and phases."""
    out = np.zeros(np.broadcast_shapes(y.shape, x.shape), np.float32)
    for _ in range(modes):
        angle, phase = rng.uniform(0, 2 * np.pi, 2)
        k = 2 * np.pi / (scale * rng.uniform(0.3, 1.0))
        out += np.cos(k * (np.cos(angle) * x + np.sin(angle) * y) + phase).astype(np.float32)
    return out / np.sqrt(modes / 2)


def synthetic_density(width: int, height: int, people: int, seed: int) -> np.ndarray:
    """People per cell (int64, shape (height, width)) summing to `people`; -1 marks the sea."""
    rng = np.random.default_rng([seed, 0x5EED])
    y = (np.arange(height, dtype=np.float32)[:, None] - height / 2) / (height / 2)
    x = (np.arange(width, dtype=np.float32)[None, :] - width / 2) / (width / 2)
    coast = _field(rng, y, x, 24, 0.5)
    land = (x * x + y * y) < 0.85 + 0.12 * coast
    ridge = np.exp(-((x + 0.35 + 0.08 * _field(rng, y, x, 8, 1.0)) / 0.08) ** 2)
    rural = np.exp(0.8 * _field(rng, y, x, 16, 0.3)) * (1.0 - 0.9 * ridge) * land
    density = (1.0 - URBAN_SHARE) * rural / rural.sum()
    cells = np.flatnonzero((land & (ridge < 0.3)).ravel())
    centres = rng.choice(cells, size=min(CITIES, cells.size), replace=False)
    sizes = 1.0 / np.arange(1, centres.size + 1)
    sizes *= URBAN_SHARE / sizes.sum()
    for c, share in zip(centres, sizes):
        _add_city(density, int(c) // width, int(c) % width, share, width)
    density *= land
    return _allocate(density, people, land)


def _add_city(density: np.ndarray, row: int, col: int, share: float, width: int) -> None:
    sigma = max(0.8, 0.004 * width * (share * 100) ** 0.4)  # cells; bigger cities spread wider
    r = int(np.ceil(4 * sigma))
    r0, r1 = max(row - r, 0), min(row + r + 1, density.shape[0])
    c0, c1 = max(col - r, 0), min(col + r + 1, density.shape[1])
    yy = np.arange(r0, r1)[:, None] - row
    xx = np.arange(c0, c1)[None, :] - col
    blob = np.exp(-(yy * yy + xx * xx) / (2 * sigma * sigma))
    density[r0:r1, c0:c1] += share * blob / blob.sum()


def _allocate(density: np.ndarray, people: int, land: np.ndarray) -> np.ndarray:
    """Whole people per cell summing exactly to `people` (largest remainders); -1 at sea."""
    want = density.ravel() * (people / density.sum())
    count = np.floor(want).astype(np.int64)
    short = people - int(count.sum())
    if short > 0:
        order = np.argsort(-(want - count), kind="stable")[:short]
        count[order] += 1
    count[~land.ravel()] = -1
    return count.reshape(density.shape)
