"""The event log: every bite, kill, turn, escape and door change, as columns.

Kernels write a tick's events into a scratch buffer (kind, actor, target, cell) and return
how many they wrote; `commit` copies them into the log with the tick stamped on.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit

KINDS = ("start", "bite", "kill", "turn", "halfbie", "escape", "door_closed", "door_broken",
         "quarantine", "rescue", "bombing", "decoy", "hold_door", "barricade")
(START, BITE, KILL, TURN, HALFBIE, ESCAPE, DOOR_CLOSED, DOOR_BROKEN, QUARANTINE, RESCUE,
 BOMBING, DECOY, HOLD_DOOR, BARRICADE) = range(len(KINDS))

# The acts of people that the heroes report credits (each the start of an act).
HEROIC = (DECOY, HOLD_DOOR, BARRICADE, DOOR_CLOSED)

# Upkeep of a shelter, a kill at a distance, a halfbie turning hostile, a rear guard's stand.
KINDS += ("upkeep", "shot", "hostile", "rear_guard")
UPKEEP, SHOT, HOSTILE, REAR_GUARD = (KINDS.index(k) for k in ("upkeep", "shot", "hostile", "rear_guard"))
HEROIC += (UPKEEP, SHOT, REAR_GUARD)

# A messenger setting off and delivering; a person setting off to find a relative, and finding them.
KINDS += ("messenger", "message_delivered", "seek_kin", "reunion")
MESSENGER, MESSAGE_DELIVERED, SEEK_KIN, REUNION = (
    KINDS.index(k) for k in ("messenger", "message_delivered", "seek_kin", "reunion"))
HEROIC += (MESSENGER, SEEK_KIN)

# A person hurt in a fall or a fight; carrying an injured person; going to a threatened person's aid.
KINDS += ("injured", "carry", "rescue_person")
INJURED, CARRY, RESCUE_PERSON = (KINDS.index(k) for k in ("injured", "carry", "rescue_person"))
HEROIC += (CARRY, RESCUE_PERSON)

# An infected member leaving their group for its sake; a group expelling one; a member defending one.
KINDS += ("self_isolate", "expel", "defend_infected")
SELF_ISOLATE, EXPEL, DEFEND_INFECTED = (KINDS.index(k) for k in ("self_isolate", "expel", "defend_infected"))
HEROIC += (SELF_ISOLATE, DEFEND_INFECTED)

FIELDS = (("tick", np.int32), ("kind", np.uint8), ("actor", np.int32), ("target", np.int32),
          ("cell", np.int32))


@njit(inline="always", cache=True)
def log_event(ev_kind, ev_actor, ev_target, ev_cell, n, kind, actor, target, cell):
    """Write one event into a kernel's scratch buffer at slot n; return the next slot."""
    ev_kind[n] = kind
    ev_actor[n] = actor
    ev_target[n] = target
    ev_cell[n] = cell
    return n + 1


@njit(cache=True)
def gather_parts(first, found, ev_kind, ev_actor, ev_target, ev_cell, n):
    """A parallel kernel's parts wrote found[k] events each from slot first[k] on (with
    n <= first[0] <= first[1]..., leaving room between them); move them down to follow one
    another from slot n, in the order of the parts. Returns the next free slot."""
    for part in range(found.shape[0]):
        for j in range(first[part], first[part] + found[part]):  # j >= n: moving down is safe
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, ev_kind[j], ev_actor[j],
                          ev_target[j], ev_cell[j])
    return n


def part_slots() -> tuple[np.ndarray, np.ndarray]:
    """Where each part of a parallel kernel starts writing (events, or the ids that
    shares.pick picks), and how many it wrote: one part per thread (what is gathered does not
    depend on the number of parts)."""
    return np.zeros(get_num_threads(), np.int64), np.zeros(get_num_threads(), np.int64)


class EventLog:
    def __init__(self) -> None:
        self._chunks: list[dict[str, np.ndarray]] = []
        self.scratch = {name: np.empty(0, dtype) for name, dtype in FIELDS[1:]}

    def buffer(self, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Scratch arrays (kind, actor, target, cell) with room for at least size events."""
        if len(self.scratch["kind"]) < size:
            self.scratch = {name: np.empty(max(size, 1024), dtype) for name, dtype in FIELDS[1:]}
        s = self.scratch
        return s["kind"], s["actor"], s["target"], s["cell"]

    def commit(self, tick: int, n: int) -> None:
        if n:
            chunk = {name: self.scratch[name][:n].copy() for name, _ in FIELDS[1:]}
            chunk["tick"] = np.full(n, tick, dtype=np.int32)
            self._chunks.append(chunk)

    def add(self, tick: int, kind: int, actor, target, cell) -> None:
        """Record events from Python (set-up and rare acts), one per element of the arrays."""
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
