# One task runner for people and CI. `make site` builds the site, `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

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

test: $(STAMP)
	bash scripts/system-deps.sh site test
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
