# Two commands on a fresh machine:
#   make demo   sets up .venv, installs hyosan, runs the built-in Hyosan High scenario
#   make test   sets up .venv with the test extras and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[plot]"
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: $(VENV)/.demo
	$(BIN)/hyosan run hyosan-high

test: $(VENV)/.test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) runs .pytest_cache
