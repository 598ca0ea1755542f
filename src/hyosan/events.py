"""The event log: every bite, kill, turn, escape and door change, as columns.

A phase's steps write their events into one scratch buffer, the sink (a `Sink` of four
arrays: kind, actor, target, cell): a step takes it and the number n of events in it so far
from `sink()`, its kernel logs from slot n on with `log_event` and returns the next free slot,
and the step hands it back with `wrote(n)`. At the end of the phase `commit` copies them into
the log with the tick stamped on. A step may read the phase's earlier events (the fights' kills, for wounds).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit

# The engine's own event kinds; each behaviour declares its own (`Behaviour.events`), and the
# registry appends them. Outputs name events by kind, so codes are internal to a run.
KINDS = ["start", "bite", "kill", "turn", "halfbie", "escape", "door_closed", "door_broken",
         "quarantine", "rescue", "bombing"]
(START, BITE, KILL, TURN, HALFBIE, ESCAPE, DOOR_CLOSED, DOOR_BROKEN, QUARANTINE, RESCUE,
 BOMBING) = range(len(KINDS))

FIELDS = (("tick", np.int32), ("kind", np.uint8), ("actor", np.int32), ("target", np.int32),
          ("cell", np.int32))


class Sink(NamedTuple):
    """Where a kernel writes events: slot n of each array is one event."""

    kind: np.ndarray  # uint8: KINDS
    actor: np.ndarray  # int32: who did it, -1 for nobody
    target: np.ndarray  # int32: to whom, -1 for nobody
    cell: np.ndarray  # int32: where


@njit(cache=True)
def log_event(sink, n, kind, actor, target, cell):
    """Write one event into the sink at slot n; return the next slot.
    Not inlined by numba: in a prange loop, numba 0.68 drops writes made straight into an array
    held by a tuple (tests/test_events.py), but keeps those made by a call."""
    sink.kind[n] = kind
    sink.actor[n] = actor
    sink.target[n] = target
    sink.cell[n] = cell
    return n + 1


@njit(cache=True)
def gather_parts(first, found, sink, n):
    """A parallel kernel's parts wrote found[k] events each from slot first[k] on (with
    n <= first[0] <= first[1]..., leaving room between them); move them down to follow one
    another from slot n, in the order of the parts. Returns the next free slot."""
    for part in range(found.shape[0]):
        for j in range(first[part], first[part] + found[part]):  # j >= n: moving down is safe
            n = log_event(sink, n, sink.kind[j], sink.actor[j], sink.target[j], sink.cell[j])
    return n


class Parts(NamedTuple):
    """Where each part of a parallel kernel starts writing (events, or the ids that
    shares.pick picks), and how many it wrote."""

    first: np.ndarray  # int64 per part
    found: np.ndarray  # int64 per part


def part_slots() -> Parts:
    """One part per thread (what is gathered does not depend on the number of parts)."""
    parts = get_num_threads()
    return Parts(np.zeros(parts, np.int64), np.zeros(parts, np.int64))


class EventLog:
    def __init__(self) -> None:
        self._chunks: list[dict[str, np.ndarray]] = []
        self.scratch = Sink(*(np.empty(0, dtype) for _, dtype in FIELDS[1:]))
        self.pending = 0  # events in the sink

    def reserve(self, room: int) -> None:
        """Room in the sink for `room` more events than it holds (made before every step)."""
        if len(self.scratch.kind) < self.pending + room:
            size = max(self.pending + room, 2 * len(self.scratch.kind), 1024)
            grown = Sink(*(np.empty(size, dtype) for _, dtype in FIELDS[1:]))
            for old, new in zip(self.scratch, grown):
                new[:self.pending] = old[:self.pending]
            self.scratch = grown

    def sink(self) -> tuple[Sink, int]:
        """The sink and its first free slot."""
        return self.scratch, self.pending

    def wrote(self, n: int) -> None:
        """The sink holds n events now."""
        self.pending = n

    def commit(self, tick: int) -> None:
        """Move the sink's events into the log, stamped with `tick`."""
        n, self.pending = self.pending, 0
        if n:
            chunk = {name: column[:n].copy() for name, column in self.scratch._asdict().items()}
            chunk["tick"] = np.full(n, tick, dtype=np.int32)
            self._chunks.append(chunk)

    def add(self, tick: int, kind: int, actor, target, cell) -> None:
        """Record events from Python (set-up and rare acts), one per element of the arrays."""
        if self.pending:
            raise RuntimeError("events added while the sink holds some: commit them first")
        actor = np.asarray(actor, dtype=np.int32)
        n = len(actor)
        if n:
            self._chunks.append({
                "tick": np.full(n, tick, dtype=np.int32),
                "kind": np.full(n, kind, dtype=np.uint8),
                "actor": actor,
                "target": np.broadcast_to(np.asarray(target, dtype=np.int32), n).copy(),
                "cell": np.broadcast_to(np.asarray(cell, dtype=np.int32), n).copy(),
            })

    def arrays(self) -> dict[str, np.ndarray]:
        """The whole log so far, one array per field (also compacts the log)."""
        if len(self._chunks) != 1:
            merged = {name: np.concatenate([c[name] for c in self._chunks]) if self._chunks
                      else np.empty(0, dtype) for name, dtype in FIELDS}
            self._chunks = [merged] if len(merged["tick"]) else []
            return merged
        return self._chunks[0]

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        self._chunks = [{name: np.asarray(arrays[name], dtype) for name, dtype in FIELDS}]

    def __len__(self) -> int:
        return sum(len(c["tick"]) for c in self._chunks)
