"""replay.gif: a small animated replay for sharing (a few dozen frames, all floors tiled).

Pictures are built as palette indices with numpy (one index per pixel), so every frame uses
the same small palette and Pillow only has to write them. Pillow comes with matplotlib (the
`plot` extra); without it there is no GIF.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ..output.atomic import atomic_path
from ..output.rundir import read_manifest
from ..people.states import STATE_NAMES
from ..world.terrain import TERRAIN_NAMES
from .data import UNREAD, read_frames, read_table, run_map, run_scenario
from .plots import COLOURS, have

GIF = "replay.gif"
FRAMES = 36
MAX_WIDTH = 960
FRAME_MS = 140
CAPTION = 22  # pixels of caption bar above the map
TERRAIN_RGB = {"void": "#e4e0d6", "wall": "#343a40", "floor": "#eeeae2", "door": "#b07d48",
               "window": "#9cc7e6", "exit": "#e05050", "stairs": "#c4b2e2", "water": "#8ec5e8"}
INK, PAPER, GRID = "#1d2328", "#f5f3ee", "#c9c4b8"
DENSITY_SHADES = 6  # shades of blue for humans per block
SHOWN = ("human", "zombie", "dead", "escaped")  # the states named in the caption


def write_replay_gif(run_dir: Path, manifest: dict | None = None, world=UNREAD,
                     frames=UNREAD) -> str | None:
    """Write run_dir/replay.gif; return its name, or None when there is nothing to draw.
    The map and frames are read from run_dir unless given (run_map, read_frames)."""
    if not have("PIL"):
        return None
    run_dir = Path(run_dir)
    manifest = manifest or read_manifest(run_dir)
    if world is UNREAD:
        world = run_map(run_dir, run_scenario(run_dir, manifest))
    if frames is UNREAD:
        frames = read_frames(run_dir, manifest)
    if world is None or frames is None:
        return None
    name = (manifest.get("scenario") or {}).get("name", "run")
    pictures = _Pictures(world, frames, _curve_counts(run_dir), f"{name}, seed {manifest.get('seed')}",
                         float(manifest.get("tick_s") or 1.0))
    picks = np.unique(np.linspace(0, len(frames["tick"]) - 1, FRAMES).round().astype(int))
    images = [pictures.frame(k) for k in picks]
    with atomic_path(run_dir / GIF) as tmp:
        images[0].save(tmp, format="GIF", save_all=True, append_images=images[1:],
                       duration=[FRAME_MS] * (len(images) - 1) + [FRAME_MS * 12], loop=0)
    return GIF


def _curve_counts(run_dir: Path):
    """(ticks, {state: counts}) for the whole map, to caption each frame."""
    table = read_table(run_dir, "timeseries")
    if table is None or "tick" not in table.column_names:
        return None
    if "zone" in table.column_names:
        table = table.filter(np.asarray(table.column("zone").to_numpy(zero_copy_only=False) == "all"))
    names = [c for c in STATE_NAMES if c in SHOWN and c in table.column_names] or \
        [c for c in table.column_names if c not in ("tick", "time_s") and "_q" not in c]
    return table.column("tick").to_numpy(), {c: table.column(c).to_numpy() for c in names}


class _Pictures:
    def __init__(self, m, frames: dict, counts, title: str, tick_s: float):
        self.frames, self.counts, self.title, self.tick_s = frames, counts, title, tick_s
        self.density = "humans" in frames
        floors, rows, cols = m.shape
        self.step = frames["block"] if self.density else 1  # cells per picture cell
        self.rows, self.cols = math.ceil(rows / self.step), math.ceil(cols / self.step)
        self.grid_cols = math.ceil(math.sqrt(floors)) if floors > 1 else 1
        self.grid_rows = math.ceil(floors / self.grid_cols)
        gap = 1 if floors > 1 else 0
        width_cells = self.grid_cols * (self.cols + gap)
        self.scale = max(1, MAX_WIDTH // width_cells)
        self.palette = _Palette()
        self.offsets = [((f // self.grid_cols) * (self.rows + gap) * self.scale + CAPTION,
                         (f % self.grid_cols) * (self.cols + gap) * self.scale) for f in range(floors)]
        self.floor_names = m.floors
        height = self.grid_rows * (self.rows + gap) * self.scale + CAPTION
        width = width_cells * self.scale
        self.background = np.full((height, width), self.palette.index(PAPER), np.uint8)
        terrain = np.array([self.palette.index(TERRAIN_RGB[name]) for name in TERRAIN_NAMES], np.uint8)
        for f, (y, x) in enumerate(self.offsets):
            cells = terrain[m.terrain[f, ::self.step, ::self.step]]
            self.background[y:y + self.rows * self.scale, x:x + self.cols * self.scale] = \
                np.kron(cells, np.ones((self.scale, self.scale), np.uint8))
        self.states = np.array([self.palette.index(COLOURS[s]) for s in STATE_NAMES], np.uint8)
        self.blues = [self.palette.index(_mix(TERRAIN_RGB["floor"], COLOURS["human"],
                                             0.15 + 0.6 * k / (DENSITY_SHADES - 1)))
                      for k in range(DENSITY_SHADES)]

    def frame(self, k: int):
        from PIL import Image, ImageDraw

        pixels = self.background.copy()
        if self.density:
            self._draw_density(pixels, k)
        else:
            self._draw_people(pixels, k)
        image = Image.fromarray(pixels, "P")
        image.putpalette(self.palette.flat())
        draw = ImageDraw.Draw(image)
        draw.font = _font()
        tick = int(self.frames["tick"][k])
        draw.text((6, 4), f"{self.title}   {_clock(tick * self.tick_s)}   {self._caption(tick)}",
                  fill=self.palette.index(INK))
        if len(self.floor_names) > 1:
            for name, (y, x) in zip(self.floor_names, self.offsets):
                draw.text((x + 3, y + 2), name, fill=self.palette.index(INK))
        return image

    def _caption(self, tick: int) -> str:
        if self.counts is None:
            return ""
        ticks, by_state = self.counts
        i = max(0, int(np.searchsorted(ticks, tick, side="right")) - 1)
        return "  ".join(f"{round(v[i]):,} {s}" for s, v in by_state.items() if v[i])

    def _draw_people(self, pixels: np.ndarray, k: int) -> None:
        f = self.frames
        state, floor = f["state"][k], f["floor"][k]
        show = state != STATE_NAMES.index("escaped")
        dot = max(1, self.scale - 1)
        top, left = np.array(self.offsets).T
        ys = top[floor[show]] + f["row"][k][show].astype(np.int64) * self.scale
        xs = left[floor[show]] + f["col"][k][show].astype(np.int64) * self.scale
        colours = self.states[state[show]]
        order = np.argsort(state[show] != STATE_NAMES.index("dead"), kind="stable")  # the dead underneath
        for dy in range(dot):
            for dx in range(dot):
                pixels[ys[order] + dy, xs[order] + dx] = colours[order]

    def _draw_density(self, pixels: np.ndarray, k: int) -> None:
        f = self.frames
        per = f["block_rows"] * f["block_cols"]
        top = max(1.0, float(np.log1p(f["humans"].max())))
        for floor, (y, x) in enumerate(self.offsets[:f["floors"]]):
            humans = f["humans"][k, floor * per:(floor + 1) * per].reshape(f["block_rows"], f["block_cols"])
            zombies = f["zombies"][k, floor * per:(floor + 1) * per].reshape(f["block_rows"], f["block_cols"])
            shade = np.minimum(DENSITY_SHADES - 1, (np.log1p(humans) / top * DENSITY_SHADES).astype(int))
            index = np.where(humans > 0, np.array(self.blues, np.uint8)[shade], 0)
            index = np.where(zombies > 0, self.states[STATE_NAMES.index("zombie")], index)
            big = np.kron(index, np.ones((self.scale, self.scale), np.uint8))[:self.rows * self.scale,
                                                                               :self.cols * self.scale]
            area = pixels[y:y + big.shape[0], x:x + big.shape[1]]
            area[big > 0] = big[big > 0]


class _Palette:
    def __init__(self):
        self.colours: list[str] = [PAPER]

    def index(self, colour: str) -> int:
        if colour not in self.colours:
            self.colours.append(colour)
        return self.colours.index(colour)

    def flat(self) -> list[int]:
        return [int(c[i:i + 2], 16) for c in self.colours for i in (1, 3, 5)]


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def _font():
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=13)
    except TypeError:  # Pillow before 10.1: the small bitmap font only
        return ImageFont.load_default()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
