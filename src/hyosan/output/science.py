"""The tables and files of a science run (kinds ode, stochastic, lattice).

timeseries.parquet  tick, time_s, then one column per species (the mean over replicas for a
                    stochastic run of several, with <species>_q05 and <species>_q95 quantiles;
                    totals over all cells for a lattice)
replicas.parquet    stochastic: each replica's final counts
lattice.npz         lattice: per-cell humans and zombies at the snapshot ticks, and the land mask
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .atomic import atomic_path

TIMESERIES, REPLICAS, LATTICE = "timeseries.parquet", "replicas.parquet", "lattice.npz"


def science_timeseries(sim) -> pa.Table:
    recorded = sim.tick // sim.every + 1
    ticks = np.arange(recorded, dtype=np.int64) * sim.every
    main = sim.series.get("mean", sim.series.get("total"))[:recorded]
    columns: dict[str, np.ndarray] = {"tick": ticks, "time_s": ticks * float(sim.scenario.tick)}
    for k, name in enumerate(sim.species):
        columns[name] = main[:, k]
    for q in ("q05", "q95"):
        if q in sim.series:
            for k, name in enumerate(sim.species):
                columns[f"{name}_{q}"] = sim.series[q][:recorded, k]
    return pa.table(columns)


def write_science_tables(run_dir: Path, sim) -> list[str]:
    """Write the run's tables; returns the names written."""
    written = [TIMESERIES]
    _parquet(run_dir / TIMESERIES, science_timeseries(sim))
    if hasattr(sim, "X"):
        table = {"replica": np.arange(len(sim.X), dtype=np.int64)}
        table.update({name: sim.X[:, k] for k, name in enumerate(sim.species)})
        _parquet(run_dir / REPLICAS, pa.table(table))
        written.append(REPLICAS)
    if hasattr(sim, "maps"):
        land = sim.cells.land.reshape(sim.height, sim.width) if hasattr(sim, "cells") else \
            np.ones((sim.height, sim.width), bool)
        with atomic_path(run_dir / LATTICE) as tmp:
            with open(tmp, "wb") as f:
                np.savez_compressed(f, time_s=sim.snap_ticks * float(sim.scenario.tick), humans=sim.maps[:, 0],
                                    zombies=sim.maps[:, 1], land=land)
        written.append(LATTICE)
    return written


def _parquet(path: Path, table: pa.Table) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
