"""Finished run directories shared by the report tests (made once per session)."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .runs import CROWD, SCHOOL, run_text


@pytest.fixture(scope="session")
def school_run(tmp_path_factory):
    """A finished run of SCHOOL (per-person replay)."""
    out = tmp_path_factory.mktemp("school") / "run"
    return run_text(SCHOOL, out)


@pytest.fixture(scope="session")
def crowd_run(tmp_path_factory):
    """A finished run whose replay is density per block (the per-person limit lowered)."""
    from hyosan.engine import frames

    saved = frames.PER_PERSON
    frames.PER_PERSON = 1000
    try:
        out = tmp_path_factory.mktemp("crowd") / "run"
        return run_text(CROWD, out)
    finally:
        frames.PER_PERSON = saved


def science_dir(run_dir, kind: str, **manifest):
    """A run directory like the science kinds write: compartments as columns, no people."""
    days = np.linspace(0, 30, 121)
    s = 500 / (1 + np.exp(days - 12))
    pq.write_table(pa.table({"tick": np.arange(121), "time_s": days * 86400, "S": s, "Z": 500 - s - days,
                             "R": days, "S_q05": s * 0.8, "S_q95": np.minimum(500, s * 1.2)}),
                   run_dir / "timeseries.parquet")
    manifest = {"status": "complete", "scenario": {"name": f"A {kind} model", "kind": kind}, "seed": 1,
                "ticks": 120, "tick_s": 21600.0, "duration_s": 30 * 86400.0,
                "final_counts": {"S": 0, "Z": 470, "R": 30}, **manifest}
    (run_dir / "manifest.json").write_text(json.dumps(manifest))
    from hyosan.report.html import write_report

    write_report(run_dir)
    return run_dir


@pytest.fixture(scope="session")
def science_run(tmp_path_factory):
    return science_dir(tmp_path_factory.mktemp("ode"), "ode")


@pytest.fixture(scope="session")
def lattice_run(tmp_path_factory):
    """A lattice run: its snapshots in lattice.npz, as output.science writes them."""
    run_dir = tmp_path_factory.mktemp("lattice")
    rng = np.random.default_rng(1)
    land = np.ones((90, 140), bool)
    land[:, :20] = False
    humans = rng.integers(0, 50, (4, 90, 140)).astype(np.int32)
    zombies = np.zeros_like(humans)
    for k in range(4):
        zombies[k, 40:45 + 8 * k, 60:65 + 8 * k] = 3
    np.savez_compressed(run_dir / "lattice.npz", time_s=np.array([0, 10, 20, 30]) * 86400.0,
                        humans=humans * land, zombies=zombies, land=land)
    return science_dir(run_dir, "lattice", replay={"kind": "none"})
