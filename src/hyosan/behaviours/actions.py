"""What a person does in a tick, as a byte in the `action` column."""

ACTIONS = ("idle", "wander", "flee", "seek_safety", "hide", "chase")
IDLE, WANDER, FLEE, SEEK_SAFETY, HIDE, CHASE = range(len(ACTIONS))
