# The two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Installed once per pyproject.toml change; pip's cache (~/.cache/pip) keeps the large
# PyTorch wheels, so a fresh clone on the same machine does not download them again.
STAMP  := $(VENV)/.installed

.PHONY: run test setup bench clean-venv

run: setup
	$(BIN)/netra db start
	$(BIN)/netra serve --host 127.0.0.1 --port 5000

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
