# One task runner for people and CI. `make site` builds the site, `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Without the test extras (playwright, pytest…): all the site build and the PR check need.
SITE_STAMP := $(VENV)/.installed-site
# The quality gate's npm tools (axe-core, vnu-jar), pinned in package-lock.json. No install
# scripts: vnu-jar's would download a Java runtime; the gate uses Debian's Java.
NODE_STAMP := node_modules/.installed
# Tests in parallel (pytest-xdist), one worker a core: a module's tests, or the quality gate's
# tests of one site, run together on one worker (tests/work_groups.py); sites shared by several
# modules are built once for all workers (tests/once.py). `make test PYTEST_PARALLEL=` runs serially.
PYTEST_PARALLEL := -n auto

.PHONY: site test lint bench serve clean

$(SITE_STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(SITE_STAMP)

$(STAMP): $(SITE_STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# kis build validates the register once, shows every problem and builds only a valid register.
site: $(SITE_STAMP)
	bash scripts/system-deps.sh site
	$(BIN)/kis build --register register --out site

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Brakuje npm (Node.js). Zainstaluj Node.js z npm." >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

test: $(STAMP)
	bash scripts/system-deps.sh site test
	$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_PARALLEL)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	bash scripts/system-deps.sh site bench
	$(BIN)/python -m bench.run

serve: $(STAMP)
	$(BIN)/kis serve

clean:
	rm -rf site build .cache
