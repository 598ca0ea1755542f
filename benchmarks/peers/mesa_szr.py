"""The reference model in idiomatic Mesa (>= 3.3): a Person agent on a torus
OrthogonalVonNeumannGrid, stepped through the model's AgentSets, drawing from `self.random`."""

from __future__ import annotations

import mesa
from mesa.discrete_space import CellAgent, OrthogonalVonNeumannGrid

from ..reference import P_EVENT, P_KILL, STATES, TICKS, side, zombies

HUMAN, BITTEN, ZOMBIE, DEAD = STATES
STEPS = ((-1, 0), (0, 1), (1, 0), (0, -1))  # north, east, south, west


class Person(CellAgent):
    def __init__(self, model: "LatticeSZR", cell, state: str):
        super().__init__(model)
        self.cell = cell
        self.state = state
        self.bitten_at = -1

    def move(self) -> None:
        way = self.random.randrange(6)  # four steps, or stay twice over
        if way < len(STEPS):
            self.move_relative(STEPS[way])

    def attack(self) -> None:
        """A zombie meets the humans of its cell in id order, until one fight or one bite."""
        humans = sorted((a for a in self.cell.agents if a.state == HUMAN), key=lambda a: a.unique_id)
        for human in humans:
            u = self.random.random()
            if u < P_KILL:
                self.state = DEAD
                self.remove()
                return
            if u < P_EVENT:
                human.state = BITTEN
                human.bitten_at = self.model.steps
                return

    def turn(self) -> None:
        self.state = ZOMBIE


class LatticeSZR(mesa.Model):
    def __init__(self, n: int, seed: int):
        super().__init__(rng=seed)
        self.n = n
        self.grid = OrthogonalVonNeumannGrid((side(n), side(n)), torus=True, random=self.random)
        cells = self.grid.all_cells.cells
        first_zombie = n - zombies(n)
        for i in range(n):
            Person(self, self.random.choice(cells), ZOMBIE if i >= first_zombie else HUMAN)

    def step(self) -> None:
        self.agents.do("move")
        self.agents.select(lambda a: a.state == ZOMBIE).do("attack")
        self.agents.select(lambda a: a.state == BITTEN and a.bitten_at < self.steps).do("turn")


class Model:
    bytes_per_person = None  # Python objects, no state arrays: the worker measures memory instead

    def __init__(self, n: int, seed: int, ticks: int = TICKS):
        self.model = LatticeSZR(n, seed)
        self.ticks = ticks

    def run(self) -> None:
        for _ in range(self.ticks):
            self.model.step()

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATES, 0)
        for agent in self.model.agents:
            counts[agent.state] += 1
        counts[DEAD] = self.model.n - len(self.model.agents)  # destroyed zombies are removed
        return counts
