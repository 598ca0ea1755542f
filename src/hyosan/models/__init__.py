"""Science mode: the published zombie-outbreak models as `ode`, `stochastic` and `lattice` kinds.

reactions   a model of scenario.catalog compiled to arrays: stoichiometry, reactants, rates
ode         deterministic solutions (scipy), impulsive strikes
gillespie   exact stochastic simulation of many replicas (numba, direct method)
tauleap     tau-leaping of the same reactions, for large populations
lattice     a metapopulation on a grid of cells: reactions inside cells, hops between them
sitelattice one person per site (Alemi et al. 2015), for the critical kill ratio
theory      closed forms and exact results the tests compare against
run         the Simulation-like base of the science kinds, for the runner and the CLI
wellmixed   the ode and stochastic kinds; spatial: the lattice kind
kinds       which simulation runs which kind

The models as data (scenario.catalog), what a scenario asks for (scenario.model_spec) and the
population rasters (scenario.raster) live with the scenario, which reads them.
"""
