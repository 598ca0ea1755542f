"""HPC queues through dask-jobqueue: no queue exists here, so the job script each batch job would
run is checked (its resources, its environment, its worker command), and nothing is submitted."""

import subprocess
import sys

import pytest

from hyosan.parallel.executor import ExecutorError
from hyosan.ensemble.queues import BatchQueue, batch_cluster

pytest.importorskip("dask_jobqueue")
LOOPBACK = {"scheduler_options": {"host": "127.0.0.1"}}


def job_script(spec: BatchQueue) -> str:
    with batch_cluster(spec, **LOOPBACK) as cluster:
        return cluster.job_script()


def test_a_slurm_job_books_its_cores_and_runs_a_worker_process_per_core():
    script = job_script(BatchQueue("slurm", jobs=4, cores=8, memory="16GB", walltime="02:00:00", queue="short"))
    lines = script.splitlines()
    for directive in ("#SBATCH -p short", "#SBATCH --cpus-per-task=8", "#SBATCH --mem=15G", "#SBATCH -t 02:00:00"):
        assert directive in lines, script
    assert "export HYOSAN_THREADS_PER_RUN=1" in lines
    command = lines[-1]
    assert command.startswith(f"{sys.executable} -m distributed.cli.dask_worker tcp://127.0.0.1:")
    assert "--nworkers 8" in command and "--nthreads 1" in command and "--memory-limit" in command


def test_threads_per_run_give_fewer_workers_of_more_threads_on_the_same_cores():
    script = job_script(BatchQueue("slurm", cores=8, memory="16GB", threads_per_run=2))
    assert "#SBATCH --cpus-per-task=8" in script and "export HYOSAN_THREADS_PER_RUN=2" in script
    assert "--nworkers 4" in script and "--nthreads 1" in script


def test_a_pbs_job_asks_for_its_cores_memory_and_walltime():
    script = job_script(BatchQueue("pbs", cores=16, memory="32GB", walltime="01:00:00", queue="workq"))
    for directive in ("#PBS -q workq", "#PBS -l select=1:ncpus=16:mem=30GB", "#PBS -l walltime=01:00:00"):
        assert directive in script.splitlines(), script
    assert "--nworkers 16" in script and "export HYOSAN_THREADS_PER_RUN=1" in script


def test_a_queue_without_cores_or_memory_is_a_clear_error():
    with pytest.raises(ExecutorError, match="needs --cores and --memory"):
        batch_cluster(BatchQueue("slurm", cores=8), **LOOPBACK)


def test_the_command_prints_the_job_script_and_refuses_queue_options_without_a_queue(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[sweep]\nscenario = "classroom"\n')
    hyosan = [sys.executable, "-m", "hyosan", "sweep", str(path)]
    done = subprocess.run([*hyosan, "--cluster", "slurm", "--cores", "4", "--memory", "8GB", "--walltime", "00:30:00",
                           "--job-script"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "#SBATCH --cpus-per-task=4" in done.stdout and "--nworkers 4" in done.stdout
    for extra in (["--cores", "4"], ["--cluster", "slurm", "--workers", "2"], ["--job-script"]):
        bad = subprocess.run([*hyosan, *extra], capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
    bad = subprocess.run([*hyosan, "--cluster", "slurm", "--cores", "4", "--job-script"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "needs --cores and --memory" in bad.stderr


def test_a_sweep_on_a_queue_whose_submit_command_is_missing_stops_with_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no sbatch here (nor anywhere on this machine)
    path = tmp_path / "s.toml"
    path.write_text('[sweep]\nscenario = "classroom"\n')
    done = subprocess.run([sys.executable, "-m", "hyosan", "sweep", str(path), "--out", str(tmp_path / "out"),
                           "--cluster", "slurm", "--cores", "2", "--memory", "2GB"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "submits jobs with 'sbatch', which is not on this machine" in done.stderr
