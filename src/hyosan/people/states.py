"""What a person is: their state, their traits and their skills, as the codes every kernel reads."""

import numpy as np
from numba import njit

# States of a person.
HUMAN, BITTEN, ZOMBIE, HALFBIE, DEAD, ESCAPED = range(6)
STATE_NAMES = ("human", "bitten", "zombie", "halfbie", "dead", "escaped")


@njit(inline="always", cache=True)
def standing(s):
    """On their feet and still themselves: human, bitten or halfbie."""
    return s == HUMAN or s == BITTEN or s == HALFBIE


def standing_mask(state: np.ndarray) -> np.ndarray:
    """`standing` for every person."""
    return (state <= HALFBIE) & (state != ZOMBIE)


TRAITS = ("bravery", "altruism", "strength", "speed", "resistance")
# What a trait is when a scenario leaves it out. resistance (to the infection: the chance that
# someone bitten, who would turn zombie, stays lucid as a halfbie) is 0 unless given, so that
# `infection.halfbie` alone sets the share of halfbies.
TRAIT_DEFAULTS = {"bravery": 0.5, "altruism": 0.5, "strength": 0.5, "speed": 0.5, "resistance": 0.0}
SKILLS = ("archery", "upkeep")  # what a [[character]] may know how to do; bit k of `skills`
