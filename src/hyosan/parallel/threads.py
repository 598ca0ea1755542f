"""How many numba threads a run gets inside a sweep: its worker's share of its machine's cores.

A worker process runs one task per thread of its own, and each task's kernels start numba
threads of their own: two workers of one thread on two cores must run one numba thread each,
not two (then four threads fight for two cores). The share is

    cores of the host // threads of all the workers on that host      (at least 1)

measured on the worker when its first task of a sweep starts, from the scheduler's list of
workers, so it is the same on a local cluster, an external one and an HPC job. Setting the
environment variable HYOSAN_THREADS_PER_RUN on a worker, or `threads` on the client, overrides
it. numba's thread count is per calling thread, so it is set in the thread that runs the task.
Results never depend on it: a run is the same bit for bit on any number of threads.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

ENV = "HYOSAN_THREADS_PER_RUN"
REFRESH_SECONDS = 30.0  # how long a worker trusts its count of the workers on its host

_measured: dict[str, tuple[float, int]] = {}  # a sweep's token -> (when, the share)


def host_cores() -> int:
    """The cores this process may run on: its affinity (a batch job's allocation, not the node),
    or fewer when a CPU quota caps its container (a Kubernetes pod's limit, `docker --cpus`)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else cores


def cpu_quota(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """The cores a cgroup's CPU quota allows (cgroup v2 cpu.max, or v1's cfs files), or None."""
    try:
        if (root / "cpu.max").exists():
            quota, period = (root / "cpu.max").read_text().split()[:2]
        else:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text().strip()
        if quota in ("max", "-1"):
            return None
        return int(quota) / int(period)
    except (OSError, ValueError):
        return None


def share(cores: int, threads_on_host: int) -> int:
    """A task's numba threads when `threads_on_host` tasks may run at once on `cores` cores."""
    return max(1, cores // max(1, threads_on_host))


def from_environment() -> int | None:
    """HYOSAN_THREADS_PER_RUN as a number of threads, or None when unset or not a whole number >= 1."""
    value = os.environ.get(ENV, "").strip()
    return int(value) if value.isdigit() and int(value) >= 1 else None


def worker_share(token: str) -> int:
    """This worker's share of its host's cores, measured once per sweep (its `token`) and again
    after REFRESH_SECONDS, since workers may join or leave. Outside a Dask worker: every core."""
    now = time.monotonic()
    when, threads = _measured.get(token, (-REFRESH_SECONDS, 0))
    if now - when < REFRESH_SECONDS:
        return threads
    threads = share(host_cores(), _threads_on_this_host())
    _measured[token] = (now, threads)
    return threads


def use_threads(threads: int) -> int:
    """Run this thread's numba kernels on `threads` threads (at most the pool numba started with)."""
    import numba

    threads = max(1, min(threads, numba.config.NUMBA_NUM_THREADS))  # type: ignore[attr-defined]
    numba.set_num_threads(threads)
    return threads


def _threads_on_this_host() -> int:
    """The task threads of every worker on this worker's host, as the scheduler lists them."""
    try:
        from distributed import get_client, get_worker
        from distributed.comm import get_address_host
    except ImportError:
        return 1
    try:
        worker = get_worker()
    except ValueError:  # not inside a worker
        return 1
    own = worker.state.nthreads
    host = get_address_host(worker.address)
    try:
        workers = listed_workers(get_client())
    except Exception:  # noqa: BLE001 - no answer from the scheduler: count this worker alone
        return own
    return max(own, sum(w.get("nthreads", 1) for w in workers if w.get("host") == host))


def listed_workers(client) -> list[dict]:
    """Every worker the scheduler knows of (distributed before 2025 lists them all unasked)."""
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:
        info = client.scheduler_info()
    return list(info.get("workers", {}).values())
