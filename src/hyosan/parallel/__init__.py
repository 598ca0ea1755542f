"""Tasks on every core or on a cluster: Dask distributed (executor.py), with each task's numba
threads its share of its host's cores (threads.py). Sweeps (ensemble/) and the heroes report's
replays (report/heroes.py, through runner) run on it."""
