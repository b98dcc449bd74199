# The two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Installed once per pyproject.toml change; pip's cache (~/.cache/pip) keeps the large
# PyTorch wheels, so a fresh clone on the same machine does not download them again.
STAMP  := $(VENV)/.installed

# The real regulations Netra is built on (not copied into this repository).
CORPUS ?= ../shared/corpus
# A fictional case corpus (seed 0), generated once into the data directory.
CASES_DIR ?= $(or $(NETRA_HOME),.netra)/cases-2000

.PHONY: run test setup data bench clean-venv

run: setup
	$(BIN)/netra db start
	$(MAKE) --no-print-directory data
	$(BIN)/netra serve --host 127.0.0.1 --port 5000

# Idempotent: documents already loaded and unchanged are skipped in seconds.
data: setup
	@if [ -d "$(CORPUS)/core" ]; then $(BIN)/netra ingest "$(CORPUS)/core"; \
	else echo "No corpus at $(CORPUS): set CORPUS=/path/to/corpus to load regulations."; fi
	@test -f "$(CASES_DIR)/manifest.json" || $(BIN)/netra corpus generate --cases 2000 --seed 0 --out "$(CASES_DIR)"
	$(BIN)/netra ingest-cases "$(CASES_DIR)" $(wildcard $(CORPUS)/reports)
	$(BIN)/netra index

test: setup
	$(BIN)/python -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

bench: setup
	$(BIN)/python -m bench.neo4j_server

clean-venv:
	rm -rf $(VENV)
