# Two commands on a fresh machine:
#   make demo   sets up .venv, installs hyosan, runs the built-in Hyosan High scenario
#   make test   sets up .venv with the test extras, runs ruff and mypy, then the whole test suite
# And: make bench   hyosan against Mesa, LASER and a numba kernel (benchmarks/README.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-slow bench fuzz clean clean-cache chromium

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

test: $(VENV)/.test chromium
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not slow"

# the long statistical and scale tests (CI runs them after `make test`)
test-slow: $(VENV)/.test chromium
	$(BIN)/python -m pytest -m slow

# The report's browser tests drive Debian's headless Chromium: install it when it is missing
# and we are root (as in CI); without it those tests are skipped with a loud reason.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the browser tests (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
			|| echo "WARNING: could not install chromium; the browser tests will be skipped"; \
	fi

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python -m benchmarks.harness $(BENCH_ARGS)

# mutated built-in scenarios: whatever validate accepts must run (tests/scenario/fuzz.py)
N ?= 1000
fuzz: $(VENV)/.test
	$(BIN)/python -m tests.scenario.fuzz --cases $(N)

# numba's cache of a kernel holds the kernels it calls, but is made again only when its own file
# changes: after changing a kernel that others call (events.log_event, dice), clear it.
clean-cache:
	find src -name '*.nbi' -delete -o -name '*.nbc' -delete

clean: clean-cache
	rm -rf $(VENV) runs .pytest_cache
