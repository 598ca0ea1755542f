"""What a person does: the `action` column (this tick) and the `act` column (an act they keep
doing from tick to tick, the same codes), and the bits of the `forbid` column that suppress
acts.

The walk's own actions are here; each behaviour declares its own (`Behaviour.actions`), and the
registry appends them to ACTIONS. A counterfactual replay sets bit FORBID.index(act) of a
person's `forbid` column to suppress an act from then on: the person does the next best thing
instead.
"""

from typing import NamedTuple

import numpy as np

ACTIONS = ["idle", "wander", "flee", "seek_safety", "hide", "chase"]
IDLE, WANDER, FLEE, SEEK_SAFETY, HIDE, CHASE = range(len(ACTIONS))

FORBID: list[str] = []  # bit k of `forbid` suppresses act FORBID[k] (behaviours.registry)


class Choices(NamedTuple):
    """What each person chose this tick, which the decide phase's kernels write
    (`Simulation.choices`)."""

    target: np.ndarray  # int32 per person: the cell they step to
    action: np.ndarray  # uint8 per person: ACTIONS
