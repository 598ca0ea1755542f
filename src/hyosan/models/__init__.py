"""Science mode: the published zombie-outbreak models as `ode`, `stochastic` and `lattice` kinds.

catalog     the models as data: species, parameters (defaults, sources) and reactions
reactions   a catalog model compiled to arrays: stoichiometry, reactants, rate constants
ode         deterministic solutions (scipy), impulsive strikes
gillespie   exact stochastic simulation of many replicas (numba, direct method)
tauleap     tau-leaping of the same reactions, for large populations
lattice     a metapopulation on a grid of cells: reactions inside cells, hops between them
sitelattice one person per site (Alemi et al. 2015), for the critical kill ratio
theory      closed forms and exact results the tests compare against
run         a Simulation-like object per kind, for the runner and the CLI
"""
