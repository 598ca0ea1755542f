"""What a person does: the `action` column (this tick) and the `act` column (an act they keep
doing from tick to tick), and the bits of the `forbid` column that suppress acts."""

ACTIONS = ("idle", "wander", "flee", "seek_safety", "hide", "chase", "decoy", "hold_door",
           "barricade", "to_door")
(IDLE, WANDER, FLEE, SEEK_SAFETY, HIDE, CHASE, DECOY, HOLD_DOOR, BARRICADE,
 TO_DOOR) = range(len(ACTIONS))

# A counterfactual replay sets one of these bits of a person's `forbid` column to suppress
# an act from then on: the person does the next best thing instead.
FORBID_BITS = {"decoy": 0, "hold_door": 1, "barricade": 2, "door_closed": 3}
DECOY_BIT, HOLD_BIT, BARRICADE_BIT, CLOSE_BIT = (FORBID_BITS[k] for k in FORBID_BITS)
