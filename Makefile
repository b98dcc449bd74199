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
# The demo account `make run` makes (an admin); its generated password is kept here, readable by you only.
DEMO_PASSWORD ?= $(or $(NETRA_HOME),.netra)/demo-password

.PHONY: run test test-unit lint-imports setup browser data bench clean-venv

run: setup
	$(BIN)/netra db start
	$(MAKE) --no-print-directory data
	@$(BIN)/netra users add demo --role admin --generate --if-missing --password-file "$(DEMO_PASSWORD)"
	@echo "Log in as demo with the password in $(DEMO_PASSWORD) to see cases and people."
	$(BIN)/netra serve --host 127.0.0.1 --port 5000

# Idempotent: documents already loaded and unchanged are skipped in seconds.
data: setup
	@if [ -d "$(CORPUS)/core" ]; then $(BIN)/netra ingest "$(CORPUS)/core"; \
	else echo "No corpus at $(CORPUS): set CORPUS=/path/to/corpus to load regulations."; fi
	@test -f "$(CASES_DIR)/manifest.json" || $(BIN)/netra corpus generate --cases 2000 --seed 0 --out "$(CASES_DIR)"
	$(BIN)/netra ingest-cases "$(CASES_DIR)" $(wildcard $(CORPUS)/reports)
	$(BIN)/netra index

test: setup browser lint-imports
	$(BIN)/python -m pytest

# The fast tests alone (no Neo4j server, no browser, nothing marked slow): seconds, not minutes.
test-unit: setup lint-imports
	$(BIN)/python -m pytest -m "not neo4j and not slow"

# The layers contract in pyproject.toml ([tool.importlinter]): a wrong import fails here, naming it.
lint-imports: setup
	$(BIN)/lint-imports

# The browser tests (tests/web/test_e2e_browser.py) drive Debian's Chromium through chromedriver.
# Installed once; nothing is done when both are already on the PATH.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	else echo "Installing chromium and chromium-driver for the browser tests..."; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver \
	  || { echo "Could not install them: install the Debian packages chromium and chromium-driver" \
	       "(apt-get install chromium chromium-driver), then run make test again." >&2; exit 1; }; fi

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
