"""Science scenarios end to end: the built-ins, validation messages, run directories, resume."""

import json

import numpy as np
import pyarrow.parquet as pq
import pytest

import hyosan
from hyosan.models.cells import people_grid
from hyosan.scenario import ScenarioError, builtin_names, load_scenario, parse_scenario

SCIENCE = ("munz-szr", "munz-sizr", "munz-sizrq", "munz-treatment", "munz-impulsive", "alemi-szr",
           "alemi-szr-stochastic", "alemi-site-lattice", "sir", "seir", "synthetic-country")


def test_the_science_builtins_are_listed_and_valid():
    assert set(SCIENCE) <= set(builtin_names())
    for name in SCIENCE:
        s = load_scenario(name)
        assert s.kind in ("ode", "stochastic", "lattice") and s.map is None and s.model is not None


def test_the_synthetic_country_has_300_million_people_on_a_million_land_cells():
    s = load_scenario("synthetic-country")
    grid = people_grid(s.lattice)
    assert (grid >= 0).sum() >= 1_000_000
    assert grid[grid >= 0].sum() == 300_000_000
    assert s.duration == 30 * 86400


@pytest.mark.parametrize("name, days", [("munz-szr", 2), ("munz-impulsive", 3), ("alemi-szr-stochastic", 5),
                                        ("alemi-site-lattice", 3), ("seir", 5)])
def test_a_builtin_writes_its_run_directory(tmp_path, name, days):
    s = load_scenario(name)
    if s.model.replicas > 1:
        s = s.replace(model=type(s.model)(**{**s.model.__dict__, "replicas": 50}))
    result = hyosan.run(s, out=tmp_path / "run", duration=days * 86400.0)
    m = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert m["status"] == "complete" and m["scenario"]["kind"] == s.kind
    assert m["people"] > 0 and set(m["final_counts"]) == set(result.simulation.species)
    ts = pq.read_table(tmp_path / "run" / "timeseries.parquet")
    assert ts.column_names[:2] == ["tick", "time_s"]
    assert ts.column_names[2:2 + len(result.simulation.species)] == list(result.simulation.species)
    assert ts.num_rows == m["ticks"] // s.record.every + 1
    assert (tmp_path / "run" / "epidemic.png").is_file()
    if s.kind == "lattice":
        assert (tmp_path / "run" / "maps.png").is_file() and (tmp_path / "run" / "lattice.npz").is_file()


def test_an_interrupted_stochastic_run_resumes_to_the_same_end(tmp_path):
    text = load_scenario("alemi-szr-stochastic").source_files[0][1].decode()
    (tmp_path / "s.toml").write_text(text.replace("replicas = 10000", "replicas = 40"))
    s = load_scenario(tmp_path / "s.toml").replace(duration=20 * 86400.0)
    whole = hyosan.run(s, out=tmp_path / "whole")
    ticks = iter(range(10**6))
    part = hyosan.run(s, out=tmp_path / "part", stop=lambda: next(ticks) >= 77)
    assert part.status == "interrupted"
    done = hyosan.resume(tmp_path / "part")
    assert done.status == "complete"
    assert np.array_equal(done.simulation.X, whole.simulation.X)
    assert pq.read_table(tmp_path / "part" / "timeseries.parquet").equals(
        pq.read_table(tmp_path / "whole" / "timeseries.parquet"))


LATTICE = """
[scenario]
name = "small lattice"
kind = "lattice"
tick = "0.1d"
duration = "3d"
seed = 4

[model]
name = "alemi-szr"
method = "{method}"
parameters = {{beta = 2.0, kappa = 0.5}}

[lattice]
file = "density.csv"
cell = "1km"
diffusion = {{Z = 1.0}}
zombies = 3
where = "densest"
snapshots = 3
"""


@pytest.mark.parametrize("method", ["exact", "tau"])
def test_a_lattice_from_a_csv_raster_runs_and_keeps_its_people(tmp_path, method):
    grid = np.full((12, 15), 40.0)
    grid[:, :3] = -1  # water
    np.savetxt(tmp_path / "density.csv", grid, delimiter=",")
    (tmp_path / "s.toml").write_text(LATTICE.format(method=method))
    result = hyosan.run(load_scenario(tmp_path / "s.toml"), out=tmp_path / "run")
    counts = result.manifest["final_counts"]
    assert sum(counts.values()) == 40 * 12 * 12 and counts["Z"] + counts["R"] > 3
    maps = np.load(tmp_path / "run" / "lattice.npz")
    assert maps["humans"].shape == (3, 12, 15) and not maps["land"][:, :3].any()
    assert maps["humans"][:, :, :3].sum() == 0 and maps["zombies"][:, :, :3].sum() == 0


@pytest.mark.parametrize("body, expected", [
    ('[model]\nname = "munz-szx"', "[model].name: found 'munz-szx', expected one of: munz-szr"),
    ('[model]\nname = "sir"\nparameters = {gama = 0.1}', "unknown key 'gama'; did you mean 'gamma'?"),
    ('[model]\nname = "sir"\ninitial = {S = -3}', "[model].initial.S: found -3, expected an integer from 0 to 1000000000000"),
    ('[model]\nname = "sir"\nreplicas = 4', "expected replicas only with kind = 'stochastic'"),
    ('[model]\nname = "sir"\n[map]\ntext = "#"', "[map]: found [map] in a scenario of kind 'ode'"),
    ('[infection]\nbite = 0.2', "missing section [model]"),
    ('[model]\nname = "sir"\nmethod = "tau"', "found a method for kind 'ode'"),
])
def test_science_problems_name_the_field_and_what_was_expected(body, expected):
    text = f'[scenario]\nname = "x"\nkind = "ode"\ntick = "1d"\nduration = "2d"\n\n{body}\n'
    with pytest.raises(ScenarioError) as e:
        parse_scenario(text)
    assert expected in str(e.value)


def test_a_lattice_needs_exactly_one_source_of_people():
    text = ('[scenario]\nname = "x"\nkind = "lattice"\n[model]\nname = "alemi-szr"\n'
            '[lattice]\nsites = {width = 10, height = 10}\nfile = "a.npy"\n')
    with pytest.raises(ScenarioError, match=r"\[lattice\]: found file and sites, expected exactly one"):
        parse_scenario(text)
