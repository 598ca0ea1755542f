"""Mutate the built-in scenarios and the example sweeps; whatever validate accepts must run
(issue 22).

    python -m tests.scenario.fuzz --cases 10000 --seed 1      (or: make fuzz N=10000)

Each case takes a built-in scenario of any kind, or a sweep file of examples/ (one case in
ten), and changes it one to three times: a key
deleted, a value replaced by one of the wrong type, NaN, inf, a huge, negative or zero number,
a unit swapped, a map character swapped for another or for one no map knows, a line
duplicated, or the text cut short. Then, as `hyosan validate` and `hyosan run` would: the
scenario is refused with a ScenarioError, or refused as too large for this machine, or it is
accepted and must run a few ticks. An accepted sweep must run a few ticks of its first and
last points, as `hyosan sweep` would make them. Anything else is a failure, printed with the
case.
"""

from __future__ import annotations

import argparse
import random
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from hyosan.engine.footprint import too_large
from hyosan.ensemble import load_sweep
from hyosan.ensemble.paths import apply
from hyosan.ensemble.seeds import run_seed
from hyosan.runner import _simulation
from hyosan.scenario import Scenario, ScenarioError, builtin_names, check_scenario

BUILTINS = Path(str(resources.files("hyosan.scenarios")))
EXAMPLES = Path(__file__).parents[2] / "examples"
SWEEPS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.toml"))
          if "\n[sweep]" in p.read_text(encoding="utf-8")}
SWEEP_SHARE = 10  # one case in ten is a sweep
TICKS = 3
VALUES = ["nan", "inf", "-inf", "1e30", "-1", "0", "1.5", "true", '"x"', '""', "[]", "{}",
          "100000000000000000000", '"1y"', '"-5m"', '"99999h"', '{dist = "normal", mean = 1, sd = 0}']
MAP_CHARS = "#.+=E^~ abcdxyz?\t"


@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (scenario, text, traceback)

    def line(self) -> str:
        o = self.outcomes
        accepted = o["ran"] + o["crashed"] + o["too large"]
        return (f"validate: accepted {accepted}, refused {o['refused']}, tracebacks {o['traceback']}; "
                f"runs: {o['ran']} ok, {o['crashed']} crashed ({o['too large']} refused as too large "
                "for this machine)")


def mutate(text: str, rng: random.Random) -> str:
    """One to three random changes to a scenario's TOML text."""
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        keyed = [i for i, line in enumerate(lines) if " = " in line and not line.lstrip().startswith("#")]
        mapped = _map_lines(lines)
        op = rng.choice(["delete", "value", "value", "unit", "map", "duplicate", "truncate"])
        if op == "delete" and keyed:
            del lines[rng.choice(keyed)]
        elif op == "value" and keyed:
            i = rng.choice(keyed)
            lines[i] = lines[i].split(" = ")[0] + " = " + rng.choice(VALUES)
        elif op == "unit" and keyed:
            i = rng.choice(keyed)
            lines[i] = lines[i].replace('s"', 'y"', 1).replace('m"', 'km"', 1).replace('h"', 'ms"', 1)
        elif op == "map" and mapped:
            i = rng.choice(mapped)
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(MAP_CHARS) + lines[i][j + 1:]
        elif op == "duplicate":
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif op == "truncate":
            return text[:rng.randrange(len(text))]
        text = "\n".join(lines)
    return text


def _map_lines(lines: list[str]) -> list[int]:
    inside, found = False, []
    for i, line in enumerate(lines):
        if '"""' in line:
            inside = not inside
        elif inside and line:
            found.append(i)
    return found


def check(name: str, text: str, scratch: Path, tally: Tally) -> None:
    """Validate a case as `hyosan validate` does, and run what it accepts as `hyosan run` (or
    `hyosan sweep`) does."""
    path = scratch / f"{name}.toml"  # beside copies of the side files (hyosan-high.map)
    path.write_text(text, encoding="utf-8")
    try:
        runs = _sweep_runs(path) if name in SWEEPS else [(check_scenario(path)[0], None)]
    except ScenarioError:
        tally.outcomes["refused"] += 1
        return
    except Exception:  # noqa: BLE001 - what the fuzzer is looking for
        tally.outcomes["traceback"] += 1
        tally.failures.append((name, text, traceback.format_exc()))
        return
    if any(too_large(scenario, scratch) for scenario, _ in runs):
        tally.outcomes["too large"] += 1
        return
    try:
        for scenario, seed in runs:
            _simulation(scenario, seed).run(until=min(TICKS, scenario.ticks))
    except Exception:  # noqa: BLE001
        tally.outcomes["crashed"] += 1
        tally.failures.append((name, text, traceback.format_exc()))
        return
    tally.outcomes["ran"] += 1


def _sweep_runs(path: Path) -> list[tuple[Scenario, int | None]]:
    """The scenarios of a sweep's first and last points, with the seeds of their first runs."""
    sweep = load_sweep(path)
    points = {p.index: p for p in (sweep.points[0], sweep.points[-1])}.values()
    return [(apply(sweep.scenarios[p.scenario][1], p.params), run_seed(sweep.seed, p.index, 0))
            for p in points]


def fuzz(cases: int, seed: int, scratch: Path, names: list[str] | None = None) -> Tally:
    """`cases` mutated cases, the built-ins taken in turn and every tenth case a sweep; the same
    seed gives the same cases."""
    rng = random.Random(seed)
    names = names or builtin_names()
    for side in BUILTINS.iterdir():
        if side.suffix not in (".toml", ".py"):
            (scratch / side.name).write_bytes(side.read_bytes())
    texts = {name: (BUILTINS / f"{name}.toml").read_text(encoding="utf-8") for name in names}
    texts.update(SWEEPS)
    tally = Tally()
    for k in range(cases):
        if k % SWEEP_SHARE == SWEEP_SHARE - 1:
            name = list(SWEEPS)[k // SWEEP_SHARE % len(SWEEPS)]
        else:
            name = names[k % len(names)]
        check(name, mutate(texts[name], rng), scratch, tally)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        tally = fuzz(args.cases, args.seed, Path(scratch))
    print(tally.line())
    for name, text, trace in tally.failures[:5]:
        print(f"\n--- a mutated {name}:\n{text}\n{trace}", file=sys.stderr)
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
