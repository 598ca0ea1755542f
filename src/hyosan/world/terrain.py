"""Terrain codes of a map cell. The text map characters are in `scenario.mapfile.TERRAIN_CHARS`."""

VOID, WALL, FLOOR, DOOR, WINDOW, EXIT, STAIRS, WATER = range(8)
TERRAIN_NAMES = ("void", "wall", "floor", "door", "window", "exit", "stairs", "water")
