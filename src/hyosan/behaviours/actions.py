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

# Upkeep of a shelter, shooting (ranged fight) and the rear guard at a chokepoint.
ACTIONS += ("upkeep", "shoot", "rear_guard")
UPKEEP, SHOOT, REAR_GUARD = (ACTIONS.index(a) for a in ("upkeep", "shoot", "rear_guard"))
FORBID_BITS.update({"upkeep": len(FORBID_BITS), "shot": len(FORBID_BITS) + 1,
                    "rear_guard": len(FORBID_BITS) + 2})
UPKEEP_BIT, SHOT_BIT, REAR_GUARD_BIT = (FORBID_BITS[k] for k in ("upkeep", "shot", "rear_guard"))

# Acts that cross the map: carrying a message to the authorities, seeking a relative.
ACTIONS += ("messenger", "seek_kin")
MESSENGER, SEEK_KIN = (ACTIONS.index(a) for a in ("messenger", "seek_kin"))
FORBID_BITS.update({"messenger": len(FORBID_BITS), "seek_kin": len(FORBID_BITS) + 1})
MESSENGER_BIT, SEEK_KIN_BIT = (FORBID_BITS[k] for k in ("messenger", "seek_kin"))

# Carrying the injured, and going to the aid of a threatened person.
ACTIONS += ("carry", "rescue_person")
CARRY, RESCUE = (ACTIONS.index(a) for a in ("carry", "rescue_person"))
FORBID_BITS.update({"carry": len(FORBID_BITS), "rescue_person": len(FORBID_BITS) + 1})
CARRY_BIT, RESCUE_BIT = (FORBID_BITS[k] for k in ("carry", "rescue_person"))

# Groups: following the leader, walking back to the group, and walking away from it (an
# infected member who self-isolates or is expelled); self-isolating and defending the infected.
ACTIONS += ("follow", "regroup", "leave_group")
FOLLOW, REGROUP, LEAVE_GROUP = (ACTIONS.index(a) for a in ("follow", "regroup", "leave_group"))
FORBID_BITS.update({"self_isolate": len(FORBID_BITS), "defend_infected": len(FORBID_BITS) + 1})
SELF_ISOLATE_BIT, DEFEND_BIT = (FORBID_BITS[k] for k in ("self_isolate", "defend_infected"))
