"""A run directory: the manifest, the scenario's files, the open tables, plots and checkpoints."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from .atomic import atomic_path, write_bytes, write_text
from .checkpoint import CHECKPOINT, save_checkpoint
from .tables import events_table, people_table, replay_table, timeseries_table

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
LOCK = "run.lock"  # the pid of the process writing the directory
SCENARIO_DIR = "scenario"
BEFORE_MANIFEST = (LOCK, SCENARIO_DIR)  # all a run killed before it wrote its manifest can leave
TABLES = ("timeseries.parquet", "events.parquet", "people.parquet", "replay.parquet")


class RunDirError(ValueError):
    """A run directory that cannot be written to or resumed from."""


def prepare(run_dir: Path, overwrite: bool = False) -> Path:
    """Create the directory and lock it (`lock`); refuse one that already holds something,
    unless overwrite."""
    run_dir = Path(run_dir)
    if run_dir.exists() and not run_dir.is_dir():
        raise RunDirError(f"{run_dir} is a file, not a directory")
    run_dir.mkdir(parents=True, exist_ok=True)
    lock(run_dir)
    began = (run_dir / MANIFEST).exists()
    kept = (LOCK,) if began else BEFORE_MANIFEST  # a run without a manifest never began
    if any(p.name not in kept for p in run_dir.iterdir()) and not overwrite:
        unlock(run_dir)
        hint = f"it holds a run: `hyosan resume {run_dir}` finishes it" if began else "remove it first"
        raise RunDirError(f"{run_dir} is not empty; choose another --out, or {hint}")
    return run_dir


def lock(run_dir: Path) -> None:
    """Make this process the only one writing run_dir: refuse if a live process holds its lock;
    take over the lock of a process that died (killed, or its machine restarted)."""
    path = Path(run_dir) / LOCK
    for _ in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(path)
            if holder is not None and holder != os.getpid() and _alive(holder):
                raise RunDirError(f"{run_dir} is in use by process {holder} (its lock is {path}); wait "
                                  "for it to end, or choose another --out") from None
            path.unlink(missing_ok=True)  # a dead process's lock, or an unreadable one
            continue
        with os.fdopen(fd, "w") as f:
            f.write(f"{os.getpid()}\n")
        return
    raise RunDirError(f"{run_dir}: could not take its lock {path}; another process keeps taking it")


def unlock(run_dir: Path) -> None:
    """Give the lock back, if this process holds it."""
    path = Path(run_dir) / LOCK
    if _holder(path) == os.getpid():
        path.unlink(missing_ok=True)


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def clear_scraps(run_dir: Path) -> None:
    """Remove the temporary files of writes a killed process left unfinished (never a file
    under a final name: those are whole, see output.atomic)."""
    for scrap in Path(run_dir).rglob(".*.tmp"):
        scrap.unlink(missing_ok=True)


def slug(name: str) -> str:
    """A name as a file name: lower case, each run of other characters than letters and digits a
    hyphen ("Hyosan High" -> "hyosan-high")."""
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")


def free_name(parent: Path, stem: str) -> Path:
    """parent/stem, or parent/stem-2, -3... whichever does not exist yet."""
    path, k = parent / stem, 1
    while path.exists():
        k += 1
        path = parent / f"{stem}-{k}"
    return path


def save_scenario_files(run_dir: Path, files: tuple[tuple[str, bytes], ...]) -> str:
    """Copy the scenario's files into run_dir/scenario; return the main file's name there."""
    base = run_dir / SCENARIO_DIR
    for name, data in files:
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise RunDirError(f"cannot keep a copy of {name}: it lies outside the scenario's folder")
        write_bytes(base / rel, data)
    return files[0][0] if files else ""


def write_manifest(run_dir: Path, sim, status: str, wall_seconds: float, extra: dict | None = None) -> dict:
    s = sim.scenario
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "hyosan_version": __version__,
        "status": status,
        "scenario": {"name": s.name, "kind": s.kind, "sha256": s.sha256,
                     "file": f"{SCENARIO_DIR}/{s.source_files[0][0]}" if s.source_files else None},
        "seed": sim.seed,
        "ticks": sim.tick,
        "ticks_total": sim.ticks,
        "tick_s": s.tick,
        "duration_s": s.duration,
        "people": sim.people.count,
        "cells": sim.world.cells,
        "bytes_per_person": sim.people.bytes_per_person,
        "wall_seconds": round(wall_seconds, 3),
        "phase_seconds": {k: round(v, 4) for k, v in sim.plan.by_phase().items()},
        "row_seconds": {k: round(v, 4) for k, v in sim.plan.seconds.items()},
        "final_counts": sim.counts(),
        "replay": _replay_info(sim),
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        **(extra or {}),
    }
    write_text(run_dir / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    return manifest


def _replay_info(sim) -> dict:
    f = getattr(sim, "frames", None)
    if f is None:  # the science kinds have no replay (a lattice keeps maps in lattice.npz)
        return {"kind": "none"}
    if f.per_person:
        return {"kind": "people", "every": f.every}
    return {"kind": "density", "every": f.every, "block": f.block, "block_rows": f.block_rows,
            "block_cols": f.block_cols}


def read_manifest(run_dir: Path) -> dict:
    path = Path(run_dir) / MANIFEST
    if not path.is_file():
        if any((Path(run_dir) / name).exists() for name in BEFORE_MANIFEST):
            raise RunDirError(f"{run_dir} holds no {MANIFEST}: its run was stopped before it began; "
                              f"start it again with `hyosan run SCENARIO --out {run_dir}`")
        raise RunDirError(f"{run_dir} holds no {MANIFEST}: it is not a hyosan run directory")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise RunDirError(f"{path} is not valid JSON ({e})") from None


def write_tables(run_dir: Path, sim) -> None:
    tables = (timeseries_table(sim), events_table(sim), people_table(sim), replay_table(sim))
    for name, table in zip(TABLES, tables):
        _write_parquet(run_dir / name, table)


def write_checkpoint(run_dir: Path, sim) -> None:
    save_checkpoint(run_dir / CHECKPOINT, sim.state_arrays())


def _write_parquet(path: Path, table: pa.Table) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def read_table(run_dir: os.PathLike, name: str) -> pa.Table:
    return pq.read_table(Path(run_dir) / f"{name}.parquet")


__all__ = ["prepare", "free_name", "save_scenario_files", "write_manifest", "read_manifest",
           "write_tables", "write_checkpoint", "read_table", "RunDirError"]
