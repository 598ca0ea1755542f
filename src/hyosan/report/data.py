"""What goes into the HTML report: the run's tables and map, cut to size and packed.

`page_data(run_dir)` returns one JSON-able dict. Large numeric arrays are "packed": their bytes
(little-endian), differenced along the first axis when that makes them compress better (replay
frames barely change from one frame to the next), deflated with zlib and written as base64.
The page inflates them with the browser's own DecompressionStream("deflate").

Huge runs are cut to size: at most PEOPLE_ROWS people (every named character, then an even
sample) and EVENT_ROWS events (every event of a named character, of doors and of the
authorities, then an even sample); the page says what was left out.
"""

from __future__ import annotations

from typing import Any

import base64
import math
import zlib
from pathlib import Path, PurePosixPath

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..output.rundir import read_manifest
from ..people.states import STATE_NAMES
from ..world.terrain import TERRAIN_NAMES
from ..scenario.model import MapData

PEOPLE_ROWS = 20_000
EVENT_ROWS = 50_000
CURVE_POINTS = 20_000
HEROES = "heroes.md"
LATTICE = "lattice.npz"  # a lattice run's per-cell snapshots (output.science)
LATTICE_BLOCKS = 262_144  # blocks per lattice frame in the page
# Events that are about the world rather than about people: always kept.
WORLD_EVENTS = ("door_closed", "door_broken", "barricade", "quarantine", "rescue", "bombing")


def pack(array: np.ndarray, delta: bool = False) -> dict:
    """A numpy array as {"packed": dtype, "shape", "delta", "data": base64 of zlib}."""
    a = np.ascontiguousarray(array)
    if a.dtype == np.int64:
        a = a.astype(np.int32) if _fits(a, np.int32) else a.astype(np.float64)
    if a.dtype == np.bool_:
        a = a.astype(np.uint8)
    a = a.astype(a.dtype.newbyteorder("<"), copy=False)
    if delta and a.ndim and len(a) > 1:
        assert a.dtype.kind in "iu", "only integers are differenced"
        d = a.copy()
        d[1:] = a[1:] - a[:-1]  # wraps around for unsigned types; the page adds it back the same way
        a = d
    return {"packed": a.dtype.name, "shape": list(a.shape), "delta": bool(delta),
            "data": base64.b64encode(zlib.compress(a.tobytes(), 6)).decode("ascii")}


def unpack(packed: dict) -> np.ndarray:
    """The inverse of pack (the page does the same in JavaScript); used by the tests."""
    raw = zlib.decompress(base64.b64decode(packed["data"]))
    a = np.frombuffer(raw, np.dtype(packed["packed"]).newbyteorder("<")).reshape(packed["shape"])
    return np.cumsum(a, axis=0, dtype=a.dtype) if packed["delta"] else a.copy()


def _fits(a: np.ndarray, dtype) -> bool:
    info = np.iinfo(dtype)
    return a.size == 0 or (a.min() >= info.min and a.max() <= info.max)


def _small_uint(a: np.ndarray) -> np.ndarray:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if _fits(a, dtype):
            return a.astype(dtype)
    return a.astype(np.float64)


UNREAD: Any = object()  # "read it from the run directory"


def page_data(run_dir: Path, manifest: dict | None = None, scenario=UNREAD, frames=UNREAD) -> dict:
    """Everything the page shows. The scenario and the replay frames are read from run_dir
    unless the caller has read them already (run_scenario, read_frames)."""
    run_dir = Path(run_dir)
    manifest = manifest or read_manifest(run_dir)
    if scenario is UNREAD:
        scenario = run_scenario(run_dir, manifest)
    if frames is UNREAD:
        frames = read_frames(run_dir, manifest)
    people = read_table(run_dir, "people")
    names = _names(people)
    world = run_map(run_dir, scenario)
    data = {
        "summary": summary(manifest, scenario),
        "states": list(STATE_NAMES),
        "curves": curves(run_dir),
        "names": {str(k): v for k, v in names.items()},
        "map": map_data(world) if world is not None else None,
        "replay": _pack_frames(frames),
        "people": people_rows(people, names),
        "events": event_rows(read_table(run_dir, "events"), names),
    }
    if data["replay"] is not None and data["map"] is None:
        data["replay"] = None  # frames without a map to draw them on
    return data


def read_table(run_dir: Path, name: str):
    """run_dir/<name>.parquet as an Arrow table, or None when the run has no such table."""
    path = Path(run_dir) / f"{name}.parquet"
    return pq.read_table(path) if path.is_file() else None


def run_map(run_dir: Path, scenario):
    """The map the replay is drawn on: the scenario's, or for a lattice run its land mask
    (land as floor, the rest as water), or None."""
    m = getattr(scenario, "map", None)
    if m is not None:
        return m
    lattice = _lattice(run_dir)
    if lattice is None:
        return None
    land = lattice["land"]
    terrain = np.where(land, TERRAIN_NAMES.index("floor"), TERRAIN_NAMES.index("water")).astype(np.uint8)
    return MapData(floors=("lattice",), terrain=terrain[None], zone=np.full((1, *land.shape), -1, np.int16),
                   rooms=())


def _lattice(run_dir: Path) -> dict | None:
    path = Path(run_dir) / LATTICE
    if not path.is_file():
        return None
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


def run_scenario(run_dir: Path, manifest: dict):
    """The run's own copy of its scenario (for the map and the description), if it loads."""
    from ..scenario import ScenarioError, load_scenario

    file = (manifest.get("scenario") or {}).get("file")
    if not file or not (run_dir / file).is_file():
        return None
    try:
        return load_scenario(run_dir / file)
    except (ScenarioError, OSError, ValueError):
        return None


def summary(manifest: dict, scenario) -> dict:
    s = manifest.get("scenario") or {}
    keys = ("status", "seed", "ticks", "ticks_total", "tick_s", "duration_s", "people", "cells",
            "wall_seconds", "hyosan_version", "written", "final_counts")
    return {
        "name": s.get("name", "run"), "kind": s.get("kind", "agents"),
        "sha256": s.get("sha256", ""),
        "description": getattr(scenario, "description", "") or "",
        **{k: manifest.get(k) for k in keys},
    }


# --- the epidemic curves ------------------------------------------------------------------


def curves(run_dir: Path) -> dict | None:
    """Counts over time for every zone: time_s, tick, and values (times, zones, series).

    Works for any kind whose timeseries has tick and/or time_s and numeric columns; a `zone`
    column, when there is one, gives one curve set per zone ("all" first). Columns named
    <series>_q05 and <series>_q95 (a stochastic ensemble's quantiles) become a band around
    their series: "bands" lists those series, "low" and "high" hold them (times, zones, bands)."""
    table = read_table(run_dir, "timeseries")
    if table is None or table.num_rows == 0:
        return None
    cols = table.column_names
    time_col = "time_s" if "time_s" in cols else "tick" if "tick" in cols else None
    if time_col is None:
        return None
    numeric = [c for c in cols if c not in ("tick", "time_s", "zone") and _numeric(table, c)]
    bands = [c for c in numeric if f"{c}_q05" in numeric and f"{c}_q95" in numeric]
    quantiles = {f"{c}_{q}" for c in bands for q in ("q05", "q95")}
    series = [c for c in numeric if c not in quantiles]
    if "zone" in cols:
        zones, z_index = _codes(table.column("zone"))
    else:
        zones, z_index = ["all"], np.zeros(table.num_rows, np.int64)
    times, t_index = np.unique(table.column(time_col).to_numpy().astype(np.float64), return_inverse=True)
    stride = max(1, int(np.ceil(len(times) / CURVE_POINTS)))
    keep = np.unique(np.r_[np.arange(0, len(times), stride), len(times) - 1])

    def grid(names: list[str]) -> np.ndarray:
        """The columns as (times, zones, columns), thinned to at most CURVE_POINTS times."""
        ints = all(pa.types.is_integer(table.schema.field(c).type) for c in names)
        out = np.zeros((len(times), len(zones), len(names)), np.int64 if ints else np.float64)
        for k, c in enumerate(names):
            out[t_index, z_index, k] = table.column(c).to_numpy(zero_copy_only=False)
        out = out[keep]
        return out.astype(np.int32) if ints and _fits(out, np.int32) else out

    ticks = np.arange(len(times), dtype=np.int64)
    if "tick" in cols:
        ticks[t_index] = table.column("tick").to_numpy()
    values = grid(series)
    out = {"series": series, "zones": [str(z) for z in zones], "stride": stride,
           "time_s": pack(times[keep]), "tick": pack(ticks[keep], delta=True),
           "values": pack(values, delta=values.dtype.kind == "i"), "bands": bands}
    if bands:
        out["low"] = pack(grid([f"{c}_q05" for c in bands]))
        out["high"] = pack(grid([f"{c}_q95" for c in bands]))
    return out


def _numeric(table, column: str) -> bool:
    t = table.schema.field(column).type
    return pa.types.is_integer(t) or pa.types.is_floating(t)


def _codes(column) -> tuple[list[str], np.ndarray]:
    """A text column as (distinct texts in order of first appearance, index per row)."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    encoded = pc.dictionary_encode(column).combine_chunks()
    return ([str(v) for v in encoded.dictionary.to_pylist()],
            encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64))


# --- the map and the replay ---------------------------------------------------------------


def map_data(m) -> dict:
    """Terrain and rooms per floor, and where to write each room's name."""
    floors, rows, cols = m.shape
    labels = []
    zone = m.zone.astype(np.int64)
    flat = zone.reshape(-1)
    inside = np.flatnonzero(flat >= 0)
    if inside.size:
        f, rest = np.divmod(inside, rows * cols)
        r, c = np.divmod(rest, cols)
        key = flat[inside] * floors + f  # one label per room and floor
        order = np.argsort(key, kind="stable")
        key, f, r, c = key[order], f[order], r[order], c[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        for start, end in zip(starts, np.r_[starts[1:], len(key)]):
            room = int(key[start] // floors)
            labels.append({"room": room, "floor": int(f[start]), "cells": int(end - start),
                           "row": float(np.median(r[start:end])), "col": float(np.median(c[start:end]))})
    return {
        "floors": list(m.floors), "rows": rows, "cols": cols, "cell_m": m.cell_size,
        "terrain_names": list(TERRAIN_NAMES),
        "terrain": pack(m.terrain.astype(np.uint8)),
        "zone": pack(m.zone.astype(np.int16)),
        "rooms": [{"name": r.name, "shelter": bool(r.shelter)} for r in m.rooms],
        "labels": labels,
    }


def _pack_frames(frames: dict | None) -> dict | None:
    """The replay frames for the page: every matrix packed, differenced along time."""
    if frames is None:
        return None
    return {k: pack(v, delta=v.dtype.kind in "iu") if isinstance(v, np.ndarray) else v
            for k, v in frames.items()}


def read_frames(run_dir: Path, manifest: dict) -> dict | None:
    """replay.parquet as dense matrices with one row per frame: "tick", and either each
    person's "state", "floor", "row" and "col" (frames, people), or "humans" and "zombies"
    per block of cells (frames, blocks) with the block layout."""
    table = read_table(run_dir, "replay")
    info = manifest.get("replay") or {}
    if table is None:
        return _lattice_frames(run_dir, manifest)
    if table.num_rows == 0 or "tick" not in table.column_names:
        return None
    ticks, frame = np.unique(table.column("tick").to_numpy(), return_inverse=True)
    out = {"kind": info.get("kind", "people"), "every": info.get("every"), "tick": ticks.astype(np.int64)}
    if "id" in table.column_names:
        return {**out, **_people_frames(table, frame, len(ticks))}
    if {"humans", "zombies"} <= set(table.column_names):
        return {**out, **_density_frames(table, frame, len(ticks), info)}
    return None


def _people_frames(table, frame: np.ndarray, frames: int) -> dict:
    ids = table.column("id").to_numpy()
    n = int(ids.max()) + 1
    found, index = _codes(table.column("state"))
    codes = np.array([STATE_NAMES.index(name) for name in found], np.uint8)[index]
    out: dict[str, Any] = {"people": n}
    for name, values, dtype in (("state", codes, np.uint8),
                                ("floor", table.column("floor").to_numpy(), np.uint8),
                                ("row", table.column("row").to_numpy(), np.uint16),
                                ("col", table.column("col").to_numpy(), np.uint16)):
        out[name] = np.zeros((frames, n), dtype)
        out[name][frame, ids] = values
    return out


def _density_frames(table, frame: np.ndarray, frames: int, info: dict) -> dict:
    floors = int(table.column("floor").to_numpy().max()) + 1
    brows = int(info.get("block_rows") or table.column("row").to_numpy().max() + 1)
    bcols = int(info.get("block_cols") or table.column("col").to_numpy().max() + 1)
    block = (table.column("floor").to_numpy().astype(np.int64) * brows
             + table.column("row").to_numpy()) * bcols + table.column("col").to_numpy()
    out: dict[str, Any] = {"block": int(info.get("block") or 1), "block_rows": brows, "block_cols": bcols,
           "floors": floors}
    for name in ("humans", "zombies"):
        values = table.column(name).to_numpy()
        out[name] = np.zeros((frames, floors * brows * bcols), _small_uint(values).dtype)
        out[name][frame, block] = values
    return out


def _lattice_frames(run_dir: Path, manifest: dict) -> dict | None:
    """A lattice run's snapshots (lattice.npz) as density frames, in blocks of cells so that
    a frame has at most LATTICE_BLOCKS of them."""
    lattice = _lattice(run_dir)
    if lattice is None:
        return None
    snaps, rows, cols = lattice["humans"].shape
    block = max(1, math.ceil(math.sqrt(rows * cols / LATTICE_BLOCKS)))
    brows, bcols = math.ceil(rows / block), math.ceil(cols / block)
    out = {"kind": "density", "every": None, "block": block, "block_rows": brows, "block_cols": bcols,
           "floors": 1,
           "tick": np.round(lattice["time_s"] / float(manifest.get("tick_s") or 1.0)).astype(np.int64)}
    for name in ("humans", "zombies"):
        counts = np.zeros((snaps, brows * block, bcols * block), np.float64)
        counts[:, :rows, :cols] = np.nan_to_num(lattice[name])
        blocks = counts.reshape(snaps, brows, block, bcols, block).sum(axis=(2, 4))
        out[name] = _small_uint(np.round(blocks).reshape(snaps, -1))
    return out


# --- people and events --------------------------------------------------------------------


def _names(people) -> dict[int, str]:
    if people is None or "name" not in people.column_names:
        return {}
    named = people.filter(pc.is_valid(people.column("name")))
    return dict(zip(named.column("id").to_pylist(), named.column("name").to_pylist()))


def _cut(table, keep: np.ndarray, limit: int):
    """The rows where keep is true, then an even sample of the others up to limit rows."""
    others = np.flatnonzero(~keep)
    room = max(0, limit - int(keep.sum()))
    if others.size > room:
        others = others[np.linspace(0, others.size - 1, room).astype(np.int64)] if room else others[:0]
    return table.take(np.sort(np.r_[np.flatnonzero(keep), others]))


def people_rows(people, names: dict[int, str]) -> dict | None:
    """The people table: everyone, or every named character and an even sample of the rest."""
    if people is None:
        return None
    named = np.isin(people.column("id").to_numpy(), np.fromiter(names, np.int64, len(names)))
    shown = _cut(people, named, PEOPLE_ROWS)
    return {"total": people.num_rows, "shown": shown.num_rows,
            "columns": _columns(shown.drop_columns(["name"]))}


def event_rows(events, names: dict[int, str]) -> dict | None:
    """The event log: everything, or for huge runs the events that matter most and a sample."""
    if events is None:
        return None
    kind = events.column("kind").to_numpy(zero_copy_only=False).astype(object)
    actor, target = events.column("actor").to_numpy(), events.column("target").to_numpy()
    named_ids = np.fromiter(names, np.int64, len(names))
    keep = np.isin(kind, WORLD_EVENTS) | np.isin(actor, named_ids) | np.isin(target, named_ids)
    shown = _cut(events, keep, EVENT_ROWS)
    return {"total": events.num_rows, "shown": shown.num_rows, "columns": _columns(shown)}


def _columns(table) -> dict:
    """Numeric columns packed; text columns as categories and an index per row."""
    out = {}
    for c in table.column_names:
        col = table.column(c)
        if _numeric(table, c):
            out[c] = pack(col.to_numpy())
        else:
            cats, index = _codes(pc.fill_null(col.cast(pa.string()), ""))
            out[c] = {"categories": cats, "index": pack(_small_uint(index))}
    return out


def heroes_markdown(run_dir: Path) -> str | None:
    path = Path(run_dir) / HEROES
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def local_image(run_dir: Path, src: str) -> Path | None:
    """A picture that heroes.md may show: a file inside the run directory, by a relative path."""
    rel = PurePosixPath(src)
    if rel.is_absolute() or ".." in rel.parts or ":" in src:
        return None
    path = Path(run_dir) / rel
    return path if path.is_file() else None
