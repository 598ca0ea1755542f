"""Built-in scenarios: TOML files and their maps, loaded by name with hyosan.scenario.load_scenario."""
