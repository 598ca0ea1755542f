"""How kernels take their arrays: in containers (namedtuples), taken out by attribute."""

import re
from pathlib import Path

import numpy as np
from numba import njit, prange

from hyosan.behaviours.actions import Choices

SRC = Path(__file__).parents[1] / "src" / "hyosan"


@njit(parallel=True)
def _fill(choices):
    target, action = choices.target, choices.action
    for i in prange(target.shape[0]):
        target[i] = i
        action[i] = 7


def test_a_parallel_kernel_writes_through_arrays_taken_out_by_attribute():
    choices = Choices(np.zeros(64, np.int32), np.zeros(64, np.uint8))
    _fill(choices)
    assert np.array_equal(choices.target, np.arange(64)) and (choices.action == 7).all()


def test_no_kernel_unpacks_a_container_as_a_tuple():
    """numba 0.68 drops the writes a parallel loop makes through arrays unpacked from a tuple
    (`target, action = choices`): take them out by attribute instead."""
    containers = ("sink", "graph", "occupants", "choices", "people", "params", "senses", "search",
                  "outer", "roster", "ways", "route", "to_door", "to_them", "doors", "ground",
                  "sight", "rooms", "bins", "parts", "incubation", "reactions", "strikes")
    pattern = re.compile(rf"^\s+\w+(?:,\s*\w+)+\s*=\s*({'|'.join(containers)})\s*$", re.M)
    found = [f"{path.relative_to(SRC)}: {m.group(0).strip()}" for path in SRC.rglob("*.py")
             for m in pattern.finditer(path.read_text())]
    assert found == []


def test_no_kernel_takes_more_than_eleven_parameters():
    """Kernels take the arrays they read in a few containers: a view of the people's columns
    (`People.view`), the behaviour's numbers (`behaviour.numbers`), the senses, a route..."""
    import ast

    widest = max((len(node.args.args), f"{path.name}:{node.name}") for path in SRC.rglob("*.py")
                 for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.FunctionDef)
                 and any("njit" in ast.unparse(d) for d in node.decorator_list))
    assert widest[0] <= 11, widest


def test_kernels_that_take_containers_name_their_types():
    """A kernel taking a people view, a behaviour's numbers or another container says which in
    its signature (numba ignores annotations; they are for the reader)."""
    import ast

    containers = {"people", "params", "senses", "search", "roster", "route", "incubation",
                  "reactions", "strikes", "bins"}
    bare = [f"{path.name}:{node.name}({a.arg})" for path in SRC.rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.FunctionDef)
            and any("njit" in ast.unparse(d) for d in node.decorator_list)
            and containers & {a.arg for a in node.args.args}
            for a in node.args.args if a.annotation is None]
    assert bare == []
