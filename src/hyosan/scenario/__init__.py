"""Scenario files: parse and validate TOML scenarios and text maps into `model.Scenario`."""

from .errors import Problem, ScenarioError, format_problems
from .loader import builtin_names, check_scenario, load_scenario, parse_scenario
from .mapfile import TERRAIN_CHARS, parse_map
from .model import (CharacterSpec, Distribution, Doors, Infection, MapData, Movement, PeopleSpec, Record,
                    Room, Scenario, fixed)
from .units import parse_duration, parse_length, parse_speed

__all__ = [
    "TERRAIN_CHARS",
    "CharacterSpec", "Distribution", "Doors", "Infection", "MapData", "Movement", "PeopleSpec", "Problem",
    "Record", "Room", "Scenario", "ScenarioError",
    "builtin_names", "check_scenario", "fixed", "format_problems", "load_scenario", "parse_duration", "parse_length",
    "parse_map", "parse_scenario", "parse_speed",
]
