"""Plots of a sweep: each outcome against each numeric parameter, one PNG per parameter.

A line is the mean over replicas; the dark band is the 95% interval of the mean, the light band
where 95% of single runs fall (2.5% to 97.5% quantiles). Points that differ in other parameters
get a line each (up to MAX_LINES; beyond that every point is a dot with its interval).
matplotlib is an optional extra, imported only here.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..output.atomic import atomic_path
from .sweepfile import Sweep

MAX_LINES = 8
FIRST = ("humans_win", "survivors", "final_human", "final_zombie", "final_dead", "final_escaped",
         "peak_zombie", "peak_time_s")
LABELS = {"humans_win": "P(humans win)", "survivors": "survivors", "peak_zombie": "peak zombies",
          "peak_time_s": "time of the peak (s)"}


def plot_sweep(summary: pa.Table, sweep: Sweep, folder: Path, outcomes: list[str] | None = None) -> list[str]:
    """Write folder/<parameter>.png for each numeric parameter; returns the files' names
    (none when matplotlib is not installed or nothing varies)."""
    try:
        import matplotlib
    except ImportError:
        return []
    matplotlib.use("Agg")
    if not summary.num_rows:
        return []
    present = set(summary["outcome"].to_pylist())
    chosen = [o for o in (outcomes or _default(present)) if o in present]
    names = []
    for param in sweep.columns:
        if pa.types.is_integer(summary[param].type) or pa.types.is_floating(summary[param].type):
            name = f"{_slug(param)}.png"
            _figure(summary, sweep, param, chosen, folder / name)
            names.append(name)
    return names


def _default(present: set[str]) -> list[str]:
    return [o for o in FIRST if o in present] + sorted(o for o in present if o.startswith("survivors["))


def _figure(summary: pa.Table, sweep: Sweep, param: str, outcomes: list[str], path: Path) -> None:
    import matplotlib.pyplot as plt

    others = [c for c in sweep.columns if c != param]
    cols = min(3, len(outcomes))
    rows = math.ceil(len(outcomes) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.4 * cols, 3.3 * rows), dpi=110, squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes):
        table = summary.filter(pc.equal(summary["outcome"], outcome))
        groups = _groups(table, others)
        for n, (label, part) in enumerate(groups if len(groups) <= MAX_LINES else [("", table)]):
            part = part.sort_by(param)
            x, mean = part[param].to_numpy().astype(float), part["mean"].to_numpy()
            colour = f"C{n % 10}"
            if len(groups) > MAX_LINES:
                err = np.abs(np.vstack([mean - part["ci_low"].to_numpy(), part["ci_high"].to_numpy() - mean]))
                ax.errorbar(x, mean, yerr=np.nan_to_num(err), fmt="o", ms=3, color=colour, alpha=0.7)
                continue
            ax.fill_between(x, part["q025"].to_numpy(), part["q975"].to_numpy(), color=colour, alpha=0.12, lw=0)
            ax.fill_between(x, part["ci_low"].to_numpy(), part["ci_high"].to_numpy(), color=colour,
                            alpha=0.3, lw=0)
            ax.plot(x, mean, "o-", ms=3, lw=1.8, color=colour, label=label or None)
        ax.set_xlabel(param)
        ax.set_ylabel(LABELS.get(outcome, outcome.replace("_", " ")))
        ax.grid(alpha=0.3)
        if 1 < len(groups) <= MAX_LINES and outcome == outcomes[0]:
            ax.legend(frameon=False, fontsize=8)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    fig.suptitle(f"{sweep.name}\nline: mean; dark band: 95% CI of the mean; light band: 95% of runs",
                 fontsize=9)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)


def _groups(table: pa.Table, others: list[str]) -> list[tuple[str, pa.Table]]:
    """The table split by the values of the other parameters, labelled like 'bite=0.5'."""
    if not others:
        return [("", table)]
    keys = list(zip(*(table[c].to_pylist() for c in others)))
    out = []
    for key in dict.fromkeys(keys):
        mask = pa.array([k == key for k in keys])
        label = ", ".join(f"{v}" if c == "scenario" else f"{c.rsplit('.', 1)[-1]}={v:g}"
                          if isinstance(v, float) else f"{c.rsplit('.', 1)[-1]}={v}" for c, v in zip(others, key))
        out.append((label, table.filter(mask)))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-") or "parameter"
