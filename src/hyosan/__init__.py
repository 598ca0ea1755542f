"""hyosan: a fast, reproducible simulator of zombie-style outbreaks.

    import hyosan
    scenario = hyosan.load("hyosan-high")
    result = hyosan.run(scenario, seed=1, out="runs/demo")
    result.table("timeseries").to_pandas()
"""

__version__ = "0.1.0"

from .engine.simulation import Simulation  # noqa: E402
from .runner import RunResult, resume, run  # noqa: E402
from .scenario import Scenario, ScenarioError, builtin_names, load_scenario  # noqa: E402
from .ensemble import sweep  # noqa: E402

load = load_scenario

__all__ = ["__version__", "load", "load_scenario", "builtin_names", "run", "resume", "RunResult",
           "Scenario", "ScenarioError", "Simulation", "sweep"]

