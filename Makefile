# ML Career Guide — `make help` lists the targets. The two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The Python 3.10 interpreter used to create the virtualenv (found automatically; override with PYTHON=...).
PYTHON ?= $(shell scripts/find-python.sh)
VENV := .venv
VPY := $(VENV)/bin/python
# requirements.txt: what the bot runs on; requirements-dev.txt: tests, linters, the lock tool.
# Both are locked with hashes (pip-compile) from their .in files; `make lock` regenerates them.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
SPACY_MODEL := build/spacy-model
MODEL_STAMP := models/.trained
# The chat widget's JavaScript (socket.io-client), from the npm registry, pinned by web/package-lock.json.
WEB_STAMP := web/node_modules/.installed
NLU_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml nlu_components/*.py nlu_components/*.yml) $(SPACY_MODEL)/meta.json
export PYTHONPATH := $(CURDIR)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# No telemetry or crash reports leave the machine (and no waiting on blocked network calls).
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help setup setup-dev run shell test ingest train eval bench bench-knowledge bench-load lint clean lock spacy-model web forget bench-flood report bench-usage

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.10 found (see above)."; exit 1; }
	@echo "==> Creating $(VENV) with $(PYTHON) and installing pinned requirements (first time: ~3 min)"
	@rm -rf $(VENV) && $(PYTHON) -m venv $(VENV)
	@$(VPY) -m pip install --progress-bar on -q --upgrade 'pip<25' wheel
	@$(VPY) -m pip install --progress-bar on --require-hashes -r requirements.txt
	@$(VPY) -m pip check
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	@echo "==> Installing the test and lint tools (requirements-dev.txt)"
	@$(VPY) -m pip install --progress-bar on --require-hashes -r requirements.txt -r requirements-dev.txt
	@$(VPY) -m pip check
	@touch $@

setup: $(STAMP) ## Create the virtualenv and install the pinned runtime requirements (idempotent)

setup-dev: $(DEV_STAMP) ## setup, plus the test and lint tools

ingest: $(STAMP) ## Build the knowledge store from knowledge/documents (skips unchanged documents)
	@$(VPY) -m serving exec $(VPY) -m knowledge build

$(SPACY_MODEL)/meta.json: $(STAMP) $(wildcard gazetteer/*.py gazetteer/*.yml)
	@echo "==> Building the spaCy entity pipeline in $(SPACY_MODEL)"
	@$(VPY) -m gazetteer build-spacy $(SPACY_MODEL)

spacy-model: $(SPACY_MODEL)/meta.json ## Build the spaCy pipeline (gazetteer entity ruler) used by the NLU

$(MODEL_STAMP): $(NLU_INPUTS) | $(STAMP)
	@echo "==> Training the Rasa model (about a minute)"
	@$(VENV)/bin/rasa train --fixed-model-name ml-career-guide --out models
	@$(VPY) -m evaluation.model_card record
	@touch $@

train: $(MODEL_STAMP) ## Train the Rasa model if training data, domain or config changed

$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed for the chat widget: apt-get install nodejs npm"; exit 1; }
	@echo "==> Installing the chat widget's JavaScript (npm ci in web/)"
	@cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web: $(WEB_STAMP) ## Install the chat widget's pinned JavaScript (npm ci in web/; skipped when done)

run: ingest $(MODEL_STAMP) $(WEB_STAMP) ## Set up everything and serve the bot (Rasa :5005, actions :5055, chat page :8080)
	@$(VPY) -m serving run

shell: ingest $(MODEL_STAMP) ## Chat with the bot in the terminal (rasa shell)
	@$(VPY) -m serving shell

test: $(DEV_STAMP) ingest $(MODEL_STAMP) $(WEB_STAMP) ## Set up everything, train if needed and run the whole test suite
	@scripts/ensure-system-packages.sh chromium redis nginx emoji-font
	@$(VPY) -m pytest

eval: ingest $(MODEL_STAMP) ## Evaluate NLU and answers on the held-out, blind and twenty conversations sets (reports/)
	@$(VPY) -m evaluation
	@echo "==> The blind set (evaluation/sets/blind.yml), reported in reports/blind/"
	@$(VPY) -m evaluation --heldout evaluation/sets/blind.yml --reports reports/blind
	@echo "==> The conversations set (evaluation/sets/conversations.yml), reported in reports/conversations/"
	@$(VPY) -m evaluation.conversations
	@echo "==> The fresh conversations set (evaluation/sets/conversations_fresh.yml), reported in reports/conversations-fresh/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_fresh.yml --reports reports/conversations-fresh
	@echo "==> The new conversations set (evaluation/sets/conversations_new.yml), reported in reports/conversations-new/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_new.yml --reports reports/conversations-new
	@echo "==> The sixth conversations set (evaluation/sets/conversations_dev6.yml, a development set), reported in reports/conversations-dev6/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev6.yml --reports reports/conversations-dev6
	@echo "==> The seventh conversations set (evaluation/sets/conversations_dev7.yml, a development set), reported in reports/conversations-dev7/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev7.yml --reports reports/conversations-dev7
	@echo "==> The eighth conversations set (evaluation/sets/conversations_dev8.yml, a development set), reported in reports/conversations-dev8/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev8.yml --reports reports/conversations-dev8
	@echo "==> The ninth conversations set (evaluation/sets/conversations_dev9.yml, a development set), reported in reports/conversations-dev9/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev9.yml --reports reports/conversations-dev9
	@echo "==> The tenth conversations set (evaluation/sets/conversations_dev10.yml, a development set), reported in reports/conversations-dev10/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev10.yml --reports reports/conversations-dev10
	@echo "==> The eleventh conversations set (evaluation/sets/conversations_dev11.yml, a development set), reported in reports/conversations-dev11/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev11.yml --reports reports/conversations-dev11
	@echo "==> The twelfth conversations set (evaluation/sets/conversations_dev12.yml, a development set), reported in reports/conversations-dev12/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev12.yml --reports reports/conversations-dev12
	@echo "==> The thirteenth conversations set (evaluation/sets/conversations_dev13.yml, a development set), reported in reports/conversations-dev13/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev13.yml --reports reports/conversations-dev13
	@echo "==> The fourteenth conversations set (evaluation/sets/conversations_dev14.yml, a development set), reported in reports/conversations-dev14/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev14.yml --reports reports/conversations-dev14
	@echo "==> The fifteenth conversations set (evaluation/sets/conversations_dev15.yml, a development set), reported in reports/conversations-dev15/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev15.yml --reports reports/conversations-dev15
	@echo "==> The sixteenth conversations set (evaluation/sets/conversations_dev16.yml, a development set), reported in reports/conversations-dev16/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev16.yml --reports reports/conversations-dev16
	@echo "==> The seventeenth conversations set (evaluation/sets/conversations_dev17.yml, a development set), reported in reports/conversations-dev17/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev17.yml --reports reports/conversations-dev17
	@echo "==> The eighteenth conversations set (evaluation/sets/conversations_dev18.yml, a development set), reported in reports/conversations-dev18/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev18.yml --reports reports/conversations-dev18
	@echo "==> The nineteenth conversations set (evaluation/sets/conversations_dev19.yml, a development set), reported in reports/conversations-dev19/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev19.yml --reports reports/conversations-dev19
	@echo "==> The twentieth conversations set (evaluation/sets/conversations_dev20.yml), reported in reports/conversations-dev20/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev20.yml --reports reports/conversations-dev20
	@echo "==> The twenty-first conversations set (evaluation/sets/conversations_dev21.yml), reported in reports/conversations-dev21/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev21.yml --reports reports/conversations-dev21
	@echo "==> The twenty-second conversations set (evaluation/sets/conversations_dev22.yml), reported in reports/conversations-dev22/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev22.yml --reports reports/conversations-dev22
	@echo "==> The twenty-third conversations set (evaluation/sets/conversations_dev23.yml, unread), reported in reports/conversations-dev23/"
	@$(VPY) -m evaluation.conversations --set evaluation/sets/conversations_dev23.yml --reports reports/conversations-dev23
	@$(VPY) -m evaluation.model_card eval

bench-knowledge: ingest ## Benchmark the knowledge store on SQLite and PostgreSQL: 10,000 synthetic documents (~15 min)
	@$(VPY) -m benchmarks.knowledge

bench-load: ingest $(MODEL_STAMP) ## Load test at 1/10/50 users vs the stock `rasa init` bot (~10 min)
	@$(VPY) -m benchmarks.load

bench-flood: ingest $(MODEL_STAMP) ## Another person's turns while one client floods the bot (~2 min)
	@$(VPY) -m benchmarks.flood

bench-usage: ## The usage report on a generated tracker store of 100,000 turns (~30 s)
	@$(VPY) -m benchmarks.usage

bench: bench-knowledge bench-load bench-flood bench-usage ## Run every benchmark

lint: $(DEV_STAMP) ## Ruff (lint + format check) and mypy
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

forget: $(STAMP) ## Delete conversations older than TRACKER_RETENTION_DAYS from the tracker store
	@$(VPY) -m serving exec $(VPY) -m serving.retention

report: $(STAMP) ## Usage report from the tracker store -> reports/usage/ (SINCE=YYYY-MM-DD UNTIL=YYYY-MM-DD)
	@scripts/with-env.sh $(VPY) -m evaluation.usage $(if $(SINCE),--since $(SINCE)) $(if $(UNTIL),--until $(UNTIL)) --json reports/usage/usage.json

lock: $(DEV_STAMP) ## Re-lock requirements.txt and requirements-dev.txt (hashes) from their .in files
	@VENV=$(VENV) scripts/lock.sh

clean: ## Remove the virtualenv, trained models, built store and reports
	rm -rf $(VENV) models build var/*.db reports web/node_modules .pytest_cache .mypy_cache .ruff_cache
