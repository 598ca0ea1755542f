"""Make the figures of docs/models/ with hyosan itself.

    .venv/bin/python docs/models/figures.py            # every figure but the country's
    .venv/bin/python docs/models/figures.py --country  # also the synthetic country (minutes)

Each built-in scenario is run with `hyosan.run` and its epidemic.png (maps.png for a lattice)
copied here; the critical kill ratio curve comes from models.sitelattice.outbreak_sizes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import hyosan  # noqa: E402
from hyosan.models.sitelattice import outbreak_sizes  # noqa: E402

HERE = Path(__file__).parent
RUNS = ("munz-szr", "munz-sizr", "munz-sizrq", "munz-treatment", "munz-impulsive", "alemi-szr",
        "alemi-szr-stochastic", "sir", "seir", "alemi-site-lattice")


def run_and_copy(name: str, work: Path) -> None:
    result = hyosan.run(name, out=work / name)
    for plot in result.manifest["plots"]:
        suffix = "" if plot == "epidemic.png" else "-" + plot.removesuffix(".png")
        shutil.copy(work / name / plot, HERE / f"{name}{suffix}.png")
    print(name, result.manifest["final_counts"])


def critical_curve() -> None:
    alphas = np.round(np.arange(0.25, 0.71, 0.05), 2)
    fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
    for size, replicas in ((32, 400), (64, 400), (128, 200)):
        sizes = [outbreak_sizes(a, size, replicas, seed=1) for a in alphas]
        ax.plot(alphas, [np.mean(s > 0.5) for s in sizes], "o-", label=f"{size} x {size}")
        print(size, [round(float(np.mean(s > 0.5)), 3) for s in sizes])
    ax.set_xlabel("kill ratio alpha = kappa / beta")
    ax.set_ylabel("share of outbreaks that reach half the sites")
    ax.set_title("Site lattice (Alemi et al. 2015): one zombie at the centre", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(HERE / "alemi-critical.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in RUNS + (("synthetic-country",) if "--country" in sys.argv else ()):
            run_and_copy(name, Path(tmp))
    critical_curve()


if __name__ == "__main__":
    main()
