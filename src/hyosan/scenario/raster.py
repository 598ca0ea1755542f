"""Population density rasters: people per cell from a .npy or CSV grid, or a GeoTIFF (extra).

Cells that are NaN or negative are water: nobody lives there and nobody moves into them.
"""

from __future__ import annotations

import io

import numpy as np


class RasterError(ValueError):
    """A raster file that cannot be used as a population grid."""


def read_raster(data: bytes, name: str) -> np.ndarray:
    """A 2-D float64 grid of people per cell (NaN for water) from a file's bytes."""
    lower = name.lower()
    if lower.endswith(".npy"):
        try:
            grid = np.load(io.BytesIO(data), allow_pickle=False)
        except (ValueError, OSError) as e:
            raise RasterError(f"not a numpy .npy array ({e})") from None
    elif lower.endswith((".csv", ".txt")):
        try:
            grid = np.loadtxt(io.StringIO(data.decode("utf-8")), delimiter=",", ndmin=2)
        except (ValueError, UnicodeDecodeError) as e:
            raise RasterError(f"not a CSV grid of numbers ({e})") from None
    elif lower.endswith((".tif", ".tiff")):
        grid = _geotiff(data)
    else:
        raise RasterError("expected a .npy, .csv or .tif (GeoTIFF) file")
    grid = np.asarray(grid)
    if grid.ndim != 2 or min(grid.shape) < 1:
        raise RasterError(f"found an array of shape {grid.shape}, expected a 2-D grid (rows, columns)")
    if not np.issubdtype(grid.dtype, np.number):
        raise RasterError(f"found values of type {grid.dtype}, expected numbers")
    grid = grid.astype(np.float64)
    grid[~np.isfinite(grid) | (grid < 0)] = np.nan
    if not np.nansum(grid) > 0:
        raise RasterError("found nobody in it, expected some cells with people")
    return grid


def _geotiff(data: bytes) -> np.ndarray:
    try:
        import tifffile
    except ImportError:
        raise RasterError("reading GeoTIFF needs the 'geo' extra: pip install 'hyosan[geo]'") from None
    try:
        grid = tifffile.imread(io.BytesIO(data))
    except Exception as e:  # tifffile raises many kinds of error for a bad file
        raise RasterError(f"not a readable TIFF ({e})") from None
    return np.squeeze(grid)
