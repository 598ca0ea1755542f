"""What people do: one module per behaviour, each declaring itself (`behaviour.Behaviour`).

Importing this package registers the built-in behaviours, always in the order of BUILT_IN:
their codes, and the order in which the heroes report takes their acts, follow it. A new
built-in goes at the end; a behaviour of one's own registers itself when its module is imported.
"""

from importlib import import_module

BUILT_IN = ("decoy", "door_defence", "shelter", "upkeep", "ranged", "hostile", "rear_guard",
            "groups", "self_isolate", "defend_infected", "injuries", "carry", "rescue",
            "messenger", "seek_kin")

for _module in BUILT_IN:
    import_module(f"{__name__}.{_module}")
