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

.PHONY: run test test-unit lint-imports setup browser ocr data bench clean-venv translations

run: setup ocr
	$(BIN)/netra db start
	$(MAKE) --no-print-directory data
	@$(BIN)/netra users add demo --role admin --generate --if-missing --password-file "$(DEMO_PASSWORD)"
	@echo "Log in as demo with the password in $(DEMO_PASSWORD) to see cases and people."
	$(BIN)/netra serve --host 127.0.0.1 --port 5000

# Idempotent: documents already loaded and unchanged are skipped in seconds.
data: setup ocr
	@if [ -d "$(CORPUS)/core" ]; then $(BIN)/netra ingest "$(CORPUS)/core"; \
	else echo "No corpus at $(CORPUS): set CORPUS=/path/to/corpus to load regulations."; fi
	@test -f "$(CASES_DIR)/manifest.json" || $(BIN)/netra corpus generate --cases 2000 --seed 0 --out "$(CASES_DIR)"
	$(BIN)/netra ingest-cases "$(CASES_DIR)" $(wildcard $(CORPUS)/reports)
	$(BIN)/netra index

test: setup browser ocr lint-imports
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

# Scanned case documents (image-only PDF pages, PNG/JPEG/TIFF) are read by Tesseract with its
# Indonesian language data (ingest/ocr.py). Installed once; nothing is done when both are there.
ocr:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx ind; then :; \
	else echo "Installing tesseract-ocr and tesseract-ocr-ind to read scanned documents..."; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind \
	  || { echo "Could not install them: install the Debian packages tesseract-ocr and tesseract-ocr-ind" \
	       "(apt-get install tesseract-ocr tesseract-ocr-ind), then run make again." >&2; exit 1; }; fi

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The UI's English (README, Translations): every message of web/ into the catalog (new and
# changed ones empty or fuzzy, to translate), then the catalog compiled for the app.
translations: setup
	@mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -o build/messages.pot web/
	$(BIN)/pybabel update -i build/messages.pot -d web/translations
	$(BIN)/pybabel compile -d web/translations

bench: setup
	$(BIN)/python -m bench.neo4j_server

clean-venv:
	rm -rf $(VENV)
