# The two commands a lecturer needs: `make lecture` and `make test`.
# Both install what is missing first (system packages and .venv/), via scripts/setup.sh.

VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=
QUALITY ?= m
THEME   ?= dark

.PHONY: setup lecture test test-fast clean

setup:
	@bash scripts/setup.sh

lecture: setup
	$(BIN)/nnanim explain --all > renders/lecture-values.txt
	@echo "The computed values of every scene: renders/lecture-values.txt"
	$(BIN)/python scripts/render_lecture.py -q $(QUALITY) --theme $(THEME)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
