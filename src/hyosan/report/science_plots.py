"""Plots of science runs: compartments over time, and maps of humans and zombies (lattice)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..output.atomic import atomic_path
from .plots import have_matplotlib

PALETTE = {"S": "#3b7dd8", "E": "#e8a33d", "I": "#e8a33d", "Z": "#5f9e3a", "R": "#555555", "Q": "#9b59b6"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")


def write_science_plots(run_dir: Path, sim) -> list[str]:
    """epidemic.png, and maps.png for a lattice; none without matplotlib."""
    if not have_matplotlib():
        return []
    recorded = sim.tick // sim.every + 1
    days = np.arange(recorded) * sim.every * sim.scenario.tick / 86400.0
    main = sim.series.get("mean", sim.series.get("total"))[:recorded]
    band = (sim.series["q05"][:recorded], sim.series["q95"][:recorded]) if "q05" in sim.series else None
    names = {s: sim.system.model.names.get(s, s) for s in sim.species} if hasattr(sim, "system") else {
        "S": "humans", "Z": "zombies", "R": "removed"}
    title = f"{sim.scenario.name}, seed {sim.seed}"
    if band is not None:
        title += f" (mean of {len(sim.X)} replicas, 5-95% band)"
    epidemic_curves(run_dir / "epidemic.png", days, main, sim.species, names, title, band)
    plots = ["epidemic.png"]
    if hasattr(sim, "maps"):
        maps_png(run_dir / "maps.png", sim.snap_ticks * sim.scenario.tick / 86400.0, sim.maps,
                 sim.scenario.name)
        plots.append("maps.png")
    return plots


def epidemic_curves(path: Path, days: np.ndarray, counts: np.ndarray, species: tuple[str, ...],
                    names: dict[str, str], title: str, band: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    for k, s in enumerate(species):
        colour = PALETTE.get(s)
        ax.plot(days, counts[:, k], label=f"{s}: {names[s]}", color=colour, lw=2)
        if band is not None:
            ax.fill_between(days, band[0][:, k], band[1][:, k], color=colour, alpha=0.2, lw=0)
    ax.set_xlabel("time (days)")
    ax.set_ylabel("people")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    _save(fig, path)
    plt.close(fig)


def _coarse(grid: np.ndarray, most: int = 400) -> np.ndarray:
    """Sum blocks of cells so that the longer side has at most `most` pixels."""
    f = max(1, int(np.ceil(max(grid.shape) / most)))
    h, w = grid.shape[0] // f * f, grid.shape[1] // f * f
    return grid[:h, :w].reshape(h // f, f, w // f, f).sum(axis=(1, 3))


def maps_png(path: Path, days: np.ndarray, maps: np.ndarray, name: str) -> None:
    """Humans (top row) and zombies (bottom row) per cell at each snapshot, log colour scale."""
    from matplotlib.colors import LogNorm

    plt = _pyplot()
    n = len(days)
    fig, axes = plt.subplots(2, n, figsize=(2.3 * n + 1.4, 3.6), dpi=110, squeeze=False,
                             layout="constrained")
    for row, (label, cmap) in enumerate((("humans", "Blues"), ("zombies", "Greens"))):
        grids = [_coarse(maps[i, row].astype(np.float64)) for i in range(n)]
        top = max(1.0, max(float(g.max()) for g in grids))
        for i, g in enumerate(grids):
            ax = axes[row, i]
            image = ax.imshow(np.ma.masked_less_equal(g, 0), cmap=cmap, norm=LogNorm(1, top),
                              interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_facecolor("#f4f1ea")
            if row == 0:
                ax.set_title(f"day {days[i]:.3g}", fontsize=9)
            if i == 0:
                ax.set_ylabel(label)
        fig.colorbar(image, ax=axes[row, :].tolist(), shrink=0.8, label=f"{label} per block")
    fig.suptitle(name, fontsize=10)
    _save(fig, path)
    plt.close(fig)
