"""Sweeps on an HPC batch queue (SLURM or PBS), through dask-jobqueue (`pip install 'hyosan[cluster]'`).

The sweep's client starts a Dask scheduler where it runs (a login node) and submits `jobs` batch
jobs; each job books `cores` cores and `memory` for `walltime` and starts one Dask worker process
of one thread per run slot (cores // threads_per_run of them), with HYOSAN_THREADS_PER_RUN set
so that each run's numba kernels use `threads_per_run` cores. Whatever is not set here comes
from dask-jobqueue's own configuration (~/.config/dask/jobqueue.yaml: account, interface,
extra directives...).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from ..parallel.executor import ExecutorError
from ..parallel.threads import ENV

KINDS = {"slurm": "SLURMCluster", "pbs": "PBSCluster"}


@dataclass(frozen=True)
class BatchQueue:
    kind: str  # "slurm" or "pbs"
    jobs: int = 1
    cores: int | None = None  # per job (None: dask-jobqueue's configuration)
    memory: str | None = None  # per job, like "16GB"
    walltime: str | None = None  # like "02:00:00"
    queue: str | None = None  # the partition (SLURM) or queue (PBS)
    threads_per_run: int = 1


def batch_cluster(spec: BatchQueue, **options: Any) -> Any:
    """A dask-jobqueue cluster for `spec`, with no job submitted yet (`.scale(jobs=...)` submits;
    `.job_script()` shows what each job runs). `options` go to dask-jobqueue as they are."""
    try:
        import dask
        import dask_jobqueue
    except ImportError:
        raise ExecutorError(f"--cluster {spec.kind} needs dask-jobqueue: pip install 'hyosan[cluster]'") from None
    if spec.kind not in KINDS:
        raise ExecutorError(f"unknown cluster {spec.kind!r}; expected one of: {', '.join(KINDS)}")
    config = f"jobqueue.{spec.kind}"
    cores = spec.cores or dask.config.get(f"{config}.cores", None)
    if cores is None or (spec.memory or dask.config.get(f"{config}.memory", None)) is None:
        raise ExecutorError(f"--cluster {spec.kind} needs --cores and --memory (the cores and memory of one "
                            "job), or dask-jobqueue's configuration of them")
    slots = max(1, cores // spec.threads_per_run)
    prologue = list(dask.config.get(f"{config}.job-script-prologue", None) or [])
    settings: dict[str, Any] = {
        "cores": slots, "processes": slots,  # worker processes of one thread each
        "memory": spec.memory, "walltime": spec.walltime, "queue": spec.queue,
        "job_script_prologue": [*prologue, f"export {ENV}={spec.threads_per_run}"],
    }
    if spec.threads_per_run > 1:  # book every core, not only one per worker thread
        if spec.kind == "slurm":
            settings["job_cpu"] = cores
        else:
            settings["resource_spec"] = f"select=1:ncpus={cores}" + (f":mem={spec.memory}" if spec.memory else "")
    settings = {k: v for k, v in settings.items() if v is not None}
    try:
        return getattr(dask_jobqueue, KINDS[spec.kind])(**settings, **options)
    except (ValueError, TypeError) as e:
        raise ExecutorError(f"--cluster {spec.kind}: {e}") from None


def submit(cluster: Any, spec: BatchQueue) -> None:
    """Submit the jobs of `spec` to `cluster` (from batch_cluster), once its queue's submit
    command is known to be here: without it, jobs would fail unseen and the sweep wait forever."""
    command = cluster.job_cls.submit_command.split()[0]
    if shutil.which(command) is None:
        raise ExecutorError(f"--cluster {spec.kind} submits jobs with '{command}', which is not on this machine: "
                            "run the sweep on the queue's login node (--job-script prints the job script anywhere)")
    cluster.scale(jobs=spec.jobs)
