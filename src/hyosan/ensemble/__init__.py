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
executor   run_tasks and map_tasks: tasks on a local or remote Dask cluster, a few in flight
threads    the numba threads of a run: its worker's share of its machine's cores
queues     batch jobs on SLURM or PBS through dask-jobqueue
size       a sweep's size, counted before it is built, and its limits
store      the sweep directory: plan, one Parquet file per task, summary
summary    statistics per point and outcome
plots      outcomes against each parameter
driver     run_sweep and sweep, which put it all together
command    the body of `hyosan sweep`
"""

from ..parallel.executor import map_tasks, run_tasks
from .paths import apply
from .store import read_results
from .driver import SweepFailed, SweepOutcome, run_sweep, sweep
from .size import SweepTooLarge
from .sweepfile import Sweep, SweepFileError, load_sweep, parse_sweep

__all__ = ["Sweep", "SweepFailed", "SweepFileError", "SweepOutcome", "SweepTooLarge", "apply", "load_sweep",
           "map_tasks", "parse_sweep", "read_results", "run_sweep", "run_tasks", "sweep"]
