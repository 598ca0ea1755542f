"""The run's open tables as Arrow tables: time series, events and people."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..events import KINDS
from ..people.states import STATE_NAMES

ALL = "all"


def timeseries_table(sim) -> pa.Table:
    """One row per recorded tick and zone ("all" first, then every room)."""
    every = sim.scenario.record.every
    recorded = sim.tick // every + 1
    series = sim.series[:recorded]  # (ticks, zones, states)
    zones = [ALL] + [room.name for room in sim.world.rooms]
    ticks = np.arange(recorded, dtype=np.int64) * every
    columns = {
        "tick": np.repeat(ticks, len(zones)),
        "time_s": np.repeat(ticks * sim.rates.tick_seconds, len(zones)),
        "zone": pa.array(np.tile(np.array(zones, dtype=object), recorded), pa.string()),
    }
    for k, name in enumerate(STATE_NAMES):
        columns[name] = series[:, :, k].reshape(-1).astype(np.int64)
    return pa.table(columns)


def events_table(sim) -> pa.Table:
    ev = sim.events.arrays()
    floor, row, col = sim.world.position(ev["cell"].astype(np.int64))
    rooms = np.array([r.name for r in sim.world.rooms] + [""], dtype=object)
    detail = rooms[sim.world.zone[ev["cell"]]]  # the room where it happened ("" outside rooms)
    kinds = np.array(KINDS, dtype=object)
    return pa.table({
        "tick": ev["tick"].astype(np.int64),
        "kind": pa.array(kinds[ev["kind"]], pa.string()),
        "actor": ev["actor"].astype(np.int64),
        "target": ev["target"].astype(np.int64),
        "cell": (row * sim.world.cols + col).astype(np.int64),
        "floor": floor.astype(np.int64),
        "detail": pa.array(detail, pa.string()),
    })


def people_table(sim) -> pa.Table:
    """Each person's final state, when they were infected and died, and the cause."""
    p, ev = sim.people, sim.events.arrays()
    n = p.count
    infected_tick = np.full(n, -1, np.int64)
    infected_by = np.full(n, -1, np.int64)
    died_tick = np.full(n, -1, np.int64)
    killed_by = np.full(n, -1, np.int64)
    kind = ev["kind"]
    start = np.flatnonzero(kind == KINDS.index("start"))
    infected_tick[ev["actor"][start]] = 0
    bites = np.flatnonzero(kind == KINDS.index("bite"))
    infected_tick[ev["target"][bites]] = ev["tick"][bites]
    infected_by[ev["target"][bites]] = ev["actor"][bites]
    deaths = np.flatnonzero(np.isin(kind, (KINDS.index("kill"), KINDS.index("bombing"))))
    died_tick[ev["target"][deaths]] = ev["tick"][deaths]
    killed_by[ev["target"][deaths]] = ev["actor"][deaths]  # -1 for a bombing

    state = p.state
    cause = np.full(n, None, dtype=object)
    cause[infected_tick >= 0] = "bitten"
    cause[np.isin(np.arange(n), ev["actor"][start])] = "infected at start"
    cause[died_tick >= 0] = "destroyed"
    cause[ev["target"][kind == KINDS.index("bombing")]] = "bombing"
    cause[state == STATE_NAMES.index("escaped")] = "escaped"
    cause[ev["target"][kind == KINDS.index("rescue")]] = "rescued"
    names = np.full(n, None, dtype=object)
    for pid, name in p.names.items():
        names[pid] = name
    return pa.table({
        "id": np.arange(n, dtype=np.int64),
        "name": pa.array(names, pa.string()),
        "state": pa.array(np.array(STATE_NAMES, dtype=object)[state], pa.string()),
        "infected_tick": infected_tick,
        "infected_by": infected_by,
        "died_tick": died_tick,
        "killed_by": killed_by,
        "cause": pa.array(cause, pa.string()),
    })


def replay_table(sim) -> pa.Table:
    """The replay frames: each person's state and place per frame, or for large runs the
    humans and zombies per block of cells (only blocks with someone in them)."""
    f, w = sim.frames, sim.world
    frames = sim.tick // f.every + 1
    ticks = np.arange(frames, dtype=np.int64) * f.every
    if f.per_person:
        n = sim.people.count
        floor, row, col = w.position(f.cell[:frames].reshape(-1).astype(np.int64))
        states = np.array(STATE_NAMES, dtype=object)[f.state[:frames].reshape(-1)]
        return pa.table({
            "tick": np.repeat(ticks, n),
            "id": np.tile(np.arange(n, dtype=np.int64), frames),
            "state": pa.array(states, pa.string()).dictionary_encode(),
            "floor": floor.astype(np.int16), "row": row.astype(np.int32), "col": col.astype(np.int32),
        })
    humans, zombies = f.humans[:frames], f.zombies[:frames]
    frame, block = np.nonzero(humans + zombies)
    per_floor = f.block_rows * f.block_cols
    floor, rest = np.divmod(block, per_floor)
    return pa.table({
        "tick": ticks[frame],
        "floor": floor.astype(np.int16),
        "row": (rest // f.block_cols).astype(np.int32),
        "col": (rest % f.block_cols).astype(np.int32),
        "humans": humans[frame, block].astype(np.int64),
        "zombies": zombies[frame, block].astype(np.int64),
    })
