# concord — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck unit docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/concord load examples/nato-tokyo-2023.yaml
	$(BIN)/concord serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: setup
	$(BIN)/mypy

# scripts/pg.sh starts a throwaway PostgreSQL for the tests and stops it afterwards.
unit: setup
	scripts/pg.sh $(BIN)/pytest

test: lint typecheck unit

docs: setup
	$(BIN)/python scripts/gen_cli_reference.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
