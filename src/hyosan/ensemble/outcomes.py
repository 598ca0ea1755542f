"""A run's outcomes, read from its run directory: the numbers a sweep summarises.

One row per run, or one per member when a run holds several (a `stochastic` run with
`model.replicas` > 1 writes each member's final counts to replicas.parquet). All float64:

final_<X>          the count in each state at the end: human, bitten, zombie, halfbie, dead,
                   escaped for agents; the model's species (S, Z, R...) for the science kinds
survivors          agents: human + escaped; science kinds: S
survivor_fraction  survivors / the people at the start
peak_zombie        the most zombies at once, and peak_time_s, the first time it was reached
                   (one row per run only: a run's members share one averaged time series)
humans_win         1 or 0. Agents: no zombie and nobody bitten is left and someone survived.
                   Science kinds with zombies (Z): the outbreak ended with more than half the
                   people still human; zombies stranded among the dead (a lattice) do not count.
survivors[G]       named characters of group G who survived (agents with [[character]] groups)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..output import rundir
from ..people.states import STATE_NAMES
from ..scenario.model import Scenario

OUTCOMES = (*(f"final_{s}" for s in STATE_NAMES), "survivors", "survivor_fraction", "peak_zombie",
            "peak_time_s", "humans_win")
MEMBER = "member"  # the column that tells the members of one run apart
MEMBERS_FILE = "replicas.parquet"
BINARY = ("humans_win",)
ALL = "all"
TIMESERIES_ROWS = 1000  # at most this many rows of a run's time series are kept by a sweep


class Kind:
    """Which columns of a kind's tables are states, which of them are alive humans, zombies."""

    states: list[str]
    alive: tuple[str, ...]
    zombie: str | None
    infected: tuple[str, ...] | None

    def __init__(self, scenario: Scenario, series: pa.Table):
        if scenario.kind == "agents":
            self.states = [s for s in STATE_NAMES if s in series.column_names]
            self.alive, self.zombie, self.infected = ("human", "escaped"), "zombie", ("zombie", "bitten")
        else:
            from ..scenario.catalog import MODELS

            assert scenario.model is not None  # a science kind always has its model
            self.states = [s for s in MODELS[scenario.model.name].species if s in series.column_names]
            self.alive, self.zombie, self.infected = ("S",), "Z", None
        if self.zombie not in self.states:
            self.zombie = None


def run_outcomes(run_dir: Path, scenario: Scenario) -> pa.Table:
    """The outcome rows of a complete run directory."""
    manifest = rundir.read_manifest(run_dir)
    series = whole_map(rundir.read_table(run_dir, "timeseries"))
    kind = Kind(scenario, series)
    if (run_dir / MEMBERS_FILE).is_file():
        members = rundir.read_table(run_dir, MEMBERS_FILE.removesuffix(".parquet"))
        members = members.sort_by("replica") if "replica" in members.column_names else members
        final = {s: _col(members, s) for s in kind.states}
    else:
        counts = manifest.get("final_counts") or {}  # exact even when record.every > 1
        final = {s: np.array([counts[s] if s in counts else _col(series, s)[-1]], np.float64) for s in kind.states}
    n = len(next(iter(final.values()))) if final else 1
    rows = {MEMBER: np.arange(n), **{f"final_{s}": v for s, v in final.items()}}
    rows["survivors"] = sum((final[s] for s in kind.alive if s in final), np.zeros(n))
    rows["survivor_fraction"] = rows["survivors"] / max(float(manifest.get("people") or 0), 1.0)
    if kind.zombie and n == 1:
        zombies, times = _col(series, kind.zombie), _times(series, scenario)
        rows["peak_zombie"] = np.array([zombies.max()])
        rows["peak_time_s"] = np.array([times[int(np.argmax(zombies))]])
    if kind.zombie and kind.infected:
        left = sum(final[s] for s in kind.infected if s in final)
        rows["humans_win"] = ((left == 0) & (rows["survivors"] > 0)).astype(np.float64)
    elif kind.zombie:
        rows["humans_win"] = (rows["survivor_fraction"] > 0.5).astype(np.float64)
    rows.update(_groups(run_dir, scenario, n))
    return pa.table({k: np.asarray(v, dtype=np.int64 if k == MEMBER else np.float64) for k, v in rows.items()})


def whole_map(series: pa.Table) -> pa.Table:
    """The rows of the whole map (zone "all"), for a time series that has zones."""
    if "zone" in series.column_names:
        series = series.filter(pc.equal(series["zone"], ALL)).drop_columns(["zone"])
    return series


def thin(series: pa.Table, rows: int = TIMESERIES_ROWS) -> pa.Table:
    """At most `rows` rows, evenly spaced, the first and last kept."""
    n = series.num_rows
    keep = np.unique(np.linspace(0, n - 1, min(n, rows)).round().astype(np.int64)) if n else np.zeros(0, np.int64)
    return series.take(pa.array(keep, pa.int64()))


def _col(table: pa.Table, name: str) -> np.ndarray:
    return table[name].to_numpy().astype(np.float64)


def _times(series: pa.Table, scenario: Scenario) -> np.ndarray:
    if "time_s" in series.column_names:
        return _col(series, "time_s")
    if "tick" in series.column_names:
        return _col(series, "tick") * scenario.tick
    return np.arange(series.num_rows, dtype=np.float64) * scenario.tick


def _groups(run_dir: Path, scenario: Scenario, members: int) -> dict[str, np.ndarray]:
    groups = {c.name: c.group for c in scenario.characters if c.group}
    if not groups or members != 1 or not (run_dir / "people.parquet").is_file():
        return {}
    people = rundir.read_table(run_dir, "people").select(["name", "state"]).to_pylist()
    alive = {p["name"] for p in people if p["name"] in groups and p["state"] in ("human", "escaped")}
    out: dict[str, np.ndarray] = {}
    for name, group in groups.items():
        key = f"survivors[{group}]"
        out[key] = out.get(key, np.zeros(1)) + (name in alive)
    return out
