"""PNG plots of a run. matplotlib is an optional extra, imported only here."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..output.atomic import atomic_path
from ..people.states import STATE_NAMES

COLOURS = {"human": "#3b7dd8", "bitten": "#e8a33d", "zombie": "#5f9e3a", "halfbie": "#9b59b6",
           "dead": "#555555", "escaped": "#17becf"}


def have(module: str) -> bool:
    """Whether an optional dependency can be imported (without importing it here)."""
    import importlib.util

    return importlib.util.find_spec(module) is not None


def have_matplotlib() -> bool:
    return have("matplotlib")


def write_plots(run_dir: Path, sim) -> list[str]:
    """The run's PNG plots; none (an empty list) when matplotlib is not installed."""
    if not have_matplotlib():
        return []
    every = sim.scenario.record.every
    recorded = sim.tick // every + 1
    time_s = np.arange(recorded) * every * sim.rates.tick_seconds
    epidemic_png(run_dir / "epidemic.png", time_s, sim.series[:recorded, 0, :],
                 f"{sim.scenario.name}, seed {sim.seed}")
    return ["epidemic.png"]


def epidemic_png(path: Path, time_s: np.ndarray, counts: np.ndarray, title: str) -> None:
    """Counts by state over time; counts is (times, states) for the whole map."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    hours = time_s / 3600.0
    unit, scale = ("hours", hours) if hours[-1] >= 2 else ("minutes", time_s / 60.0)
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    for k, name in enumerate(STATE_NAMES):
        if counts[:, k].any():
            ax.plot(scale, counts[:, k], label=name, color=COLOURS[name], lw=2)
    ax.set_xlabel(f"time ({unit})")
    ax.set_ylabel("people")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, ncol=3)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)
