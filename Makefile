# One task runner for people and CI. `make site` builds the site, `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The quality gate's npm tools (axe-core, vnu-jar), pinned in package-lock.json. No install
# scripts: vnu-jar's would download a Java runtime; the gate uses Debian's Java.
NODE_STAMP := node_modules/.installed

.PHONY: site test lint bench serve clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	bash scripts/system-deps.sh site
	$(BIN)/kis validate register
	$(BIN)/kis build --register register --out site

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Brakuje npm (Node.js). Zainstaluj Node.js z npm." >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

test: $(STAMP)
	bash scripts/system-deps.sh site test
	$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	bash scripts/system-deps.sh site
	$(BIN)/python -m bench.run

serve: $(STAMP)
	$(BIN)/kis serve

clean:
	rm -rf site build .cache
