"""The published models as data: species, parameters with defaults and sources, reactions.

Every rate is per day. A reaction's propensity is its rate constant times the counts of its
reactants (mass action); a `frequency` reaction is divided by the population N at the start
(for a lattice: the cell's population), so that its rate constant is per infective per day
when everyone else is susceptible. Nothing here imports numpy: the scenario parser reads it.

Sources:
  MUNZ   P. Munz, I. Hudea, J. Imad, R. J. Smith?, "When zombies attack!: mathematical
         modelling of an outbreak of zombie infection", in Infectious Disease Modelling
         Research Progress (Nova, 2009), pp. 133-150.
  ALEMI  A. A. Alemi, M. Bierbaum, C. R. Myers, J. P. Sethna, "You can run, you can hide:
         the epidemiology and statistical mechanics of zombies", Phys. Rev. E 92, 052801 (2015).
  KMcK   W. O. Kermack, A. G. McKendrick, Proc. R. Soc. A 115, 700 (1927) (SIR, final size).
"""

from __future__ import annotations

from dataclasses import dataclass

MUNZ = "Munz et al. (2009)"
ALEMI = "Alemi et al. (2015)"
HYOSAN = "hyosan's choice"


@dataclass(frozen=True)
class Param:
    default: float
    meaning: str
    source: str


@dataclass(frozen=True)
class Reaction:
    label: str
    rate: str  # a parameter name
    reactants: tuple[str, ...]  # at most two, distinct species
    products: tuple[str, ...]
    frequency: bool = False  # divide the propensity by the population N


@dataclass(frozen=True)
class Model:
    name: str
    title: str
    species: tuple[str, ...]
    names: dict[str, str]  # species -> what it is
    parameters: dict[str, Param]
    reactions: tuple[Reaction, ...]
    initial: dict[str, int]
    zombie: str = "Z"  # the species that strikes destroy and lattice zombies are seeded as
    human: str = "S"
    strikes: tuple[tuple[float, float], ...] = ()  # default (day, fraction) strikes


_MUNZ_BASE = {
    "birth": Param(0.0, "births per day, Π (0 over the short time of an outbreak)", MUNZ),
    "beta": Param(0.0095, "bites per human-zombie pair per day, β", MUNZ),
    "alpha": Param(0.005, "zombies destroyed per human-zombie pair per day, α", MUNZ),
    "zeta": Param(0.0001, "resurrections of the removed per day, ζ", MUNZ),
    "delta": Param(0.0001, "natural deaths per human per day, δ", MUNZ),
}
_SZR_NAMES = {"S": "humans (susceptible)", "Z": "zombies", "R": "removed (dead)"}
_SIZR_NAMES = {**_SZR_NAMES, "I": "infected, not yet zombies"}
_MUNZ_SZR = (
    Reaction("birth", "birth", (), ("S",)),
    Reaction("bite", "beta", ("S", "Z"), ("Z", "Z")),
    Reaction("natural death", "delta", ("S",), ("R",)),
    Reaction("destroy", "alpha", ("S", "Z"), ("S", "R")),
    Reaction("resurrect", "zeta", ("R",), ("Z",)),
)
_MUNZ_SIZR = (
    Reaction("birth", "birth", (), ("S",)),
    Reaction("bite", "beta", ("S", "Z"), ("I", "Z")),
    Reaction("natural death", "delta", ("S",), ("R",)),
    Reaction("turn", "rho", ("I",), ("Z",)),
    Reaction("infected death", "delta", ("I",), ("R",)),
    Reaction("destroy", "alpha", ("S", "Z"), ("S", "R")),
    Reaction("resurrect", "zeta", ("R",), ("Z",)),
)
_RHO = Param(0.5, "infected who turn into zombies per day, ρ", HYOSAN)

MODELS: dict[str, Model] = {m.name: m for m in (
    Model("munz-szr", "Munz et al. basic model (SZR)", ("S", "Z", "R"), _SZR_NAMES,
          _MUNZ_BASE, _MUNZ_SZR, {"S": 500, "Z": 1, "R": 0}),
    Model("munz-sizr", "Munz et al. model with latent infection (SIZR)", ("S", "I", "Z", "R"),
          _SIZR_NAMES, {**_MUNZ_BASE, "rho": _RHO}, _MUNZ_SIZR, {"S": 500, "I": 0, "Z": 1, "R": 0}),
    Model("munz-sizrq", "Munz et al. model with quarantine (SIZRQ)", ("S", "I", "Z", "R", "Q"),
          {**_SIZR_NAMES, "Q": "quarantined"},
          {**_MUNZ_BASE, "rho": _RHO,
           "kappa": Param(0.001, "infected put in quarantine per day, κ", HYOSAN),
           "sigma": Param(0.05, "zombies put in quarantine per day, σ", HYOSAN),
           "gamma": Param(0.0001, "quarantined killed trying to escape per day, γ", HYOSAN)},
          _MUNZ_SIZR + (
              Reaction("quarantine infected", "kappa", ("I",), ("Q",)),
              Reaction("quarantine zombie", "sigma", ("Z",), ("Q",)),
              Reaction("killed in quarantine", "gamma", ("Q",), ("R",))),
          {"S": 500, "I": 0, "Z": 1, "R": 0, "Q": 0}),
    Model("munz-treatment", "Munz et al. model with treatment (cure)", ("S", "I", "Z", "R"),
          _SIZR_NAMES,
          {**_MUNZ_BASE, "rho": _RHO, "cure": Param(0.05, "zombies cured back to humans per day, c", HYOSAN)},
          _MUNZ_SIZR + (Reaction("cure", "cure", ("Z",), ("S",)),),
          {"S": 500, "I": 0, "Z": 1, "R": 0}),
    Model("munz-impulsive", "Munz et al. model with impulsive eradication", ("S", "Z", "R"),
          _SZR_NAMES, _MUNZ_BASE, _MUNZ_SZR, {"S": 500, "Z": 1, "R": 0},
          strikes=((2.5, 0.25), (5.0, 0.5), (7.5, 0.75), (10.0, 1.0))),
    Model("alemi-szr", "Alemi et al. SZR (bite and kill)", ("S", "Z", "R"), _SZR_NAMES,
          {"beta": Param(1.0, "bites per zombie per day among humans only, β", HYOSAN),
           "kappa": Param(0.8, "zombies killed per zombie per day among humans only, κ", HYOSAN)},
          (Reaction("bite", "beta", ("S", "Z"), ("Z", "Z"), True),
           Reaction("kill", "kappa", ("S", "Z"), ("S", "R"), True)),
          {"S": 1000, "Z": 1, "R": 0}),
    Model("sir", "SIR (Kermack and McKendrick)", ("S", "I", "R"),
          {"S": "susceptible", "I": "infectious", "R": "recovered"},
          {"beta": Param(0.3, "infections per infectious person per day, β", HYOSAN),
           "gamma": Param(0.1, "recoveries per infectious person per day, γ", HYOSAN)},
          (Reaction("infection", "beta", ("S", "I"), ("I", "I"), True),
           Reaction("recovery", "gamma", ("I",), ("R",))),
          {"S": 990, "I": 10, "R": 0}, zombie="I"),
    Model("seir", "SEIR", ("S", "E", "I", "R"),
          {"S": "susceptible", "E": "exposed (latent)", "I": "infectious", "R": "recovered"},
          {"beta": Param(0.3, "infections per infectious person per day, β", HYOSAN),
           "sigma": Param(0.2, "exposed who become infectious per day, σ", HYOSAN),
           "gamma": Param(0.1, "recoveries per infectious person per day, γ", HYOSAN)},
          (Reaction("infection", "beta", ("S", "I"), ("E", "I"), True),
           Reaction("onset", "sigma", ("E",), ("I",)),
           Reaction("recovery", "gamma", ("I",), ("R",))),
          {"S": 990, "E": 0, "I": 10, "R": 0}, zombie="I"),
)}

METHODS = ("exact", "tau")
