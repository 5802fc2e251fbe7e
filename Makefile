# concord — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck unit docs clean browser web reliability

WEB_STAMP := src/concord/web/static/vendor/.installed

setup: $(STAMP) $(WEB_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	$(BIN)/python -m concord.data.prebuild
	touch $(STAMP)

# The dashboard's map libraries: npm packages (locked), copied into static/vendor/.
$(WEB_STAMP): src/concord/web/frontend/package.json src/concord/web/frontend/package-lock.json
	bash scripts/web-vendor.sh
	touch $@

# Debian's Chromium for the browser tests (installed when missing).
browser:
	bash scripts/ensure-chromium.sh

web: setup
	$(BIN)/concord --bodies examples/bodies web

run: setup
	$(BIN)/concord load examples/nato-tokyo-2023.yaml
	$(BIN)/concord serve --host 127.0.0.1 --port 8000 --dashboard-link

lint: setup
	$(BIN)/ruff check $(wildcard src tests bench scripts)
	$(BIN)/ruff format --check $(wildcard src tests bench scripts)

typecheck: setup
	$(BIN)/mypy

# scripts/pg.sh starts a throwaway PostgreSQL for the tests and stops it afterwards.
unit: setup
	scripts/pg.sh $(BIN)/pytest

test: lint typecheck browser unit

# The full reliability proof (issue 8), run by hand: 20 kills per database, 1,000 tamper
# mutations, 100,000 fuzz inputs per target, then the 60 s soak. Figures go to
# reliability-figures.json; docs/reliability.md records them.
reliability: setup
	CONCORD_RELIABILITY=full CONCORD_RELIABILITY_REPORT=reliability-figures.json \
		scripts/pg.sh $(BIN)/pytest tests/reliability -p no:cacheprovider
	$(BIN)/python bench/reliability_load.py --seconds 60

docs: setup
	$(BIN)/python scripts/gen_cli_reference.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
