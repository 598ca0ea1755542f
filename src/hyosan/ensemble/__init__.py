"""Ensembles and sweeps on Dask: many seeds and parameter grids, resumable, fault-tolerant.

    import hyosan
    summary = hyosan.sweep("examples/alpha-well-mixed-vs-lattice.toml", workers=2)   # a pyarrow Table
    summary.to_pandas()

sweepfile  read and validate a sweep file into a Sweep (its scenarios and points)
paths      dotted paths into a Scenario ("infection.bite", "people[0].traits.altruism")
axes       the values of an axis: lists, ranges, Latin hypercube and Sobol designs
seeds      run seeds from (sweep seed, point, replica)
tasks      one run of one point with one seed, reduced to its outcome row(s)
outcomes   a run directory's outcomes
executor   map_tasks: tasks on a local or remote Dask cluster, results in task order
store      the sweep directory: plan, one Parquet file per task, summary
summary    statistics per point and outcome
plots      outcomes against each parameter
driver     run_sweep and sweep, which put it all together
command    the body of `hyosan sweep`
"""

from .executor import map_tasks
from .paths import apply
from .store import read_results
from .driver import SweepFailed, SweepOutcome, run_sweep, sweep
from .sweepfile import Sweep, SweepFileError, load_sweep, parse_sweep

__all__ = ["Sweep", "SweepFailed", "SweepFileError", "SweepOutcome", "apply", "load_sweep", "map_tasks",
           "parse_sweep", "read_results", "run_sweep", "sweep"]
