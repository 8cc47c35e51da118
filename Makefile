# Two commands do everything on a fresh Debian/Ubuntu machine (as root or with sudo):
#   make demo   system packages, fonts, virtual environment, then build the bundled report
#               (DOCX, PDF, web page, JSON and the 简报 into build/; the first PDF prepares the fonts, about 40 s)
#   make test   the same plus LibreOffice, poppler-utils and chromium, then ruff, mypy and the whole test suite
VENV    := .venv
BIN     := $(VENV)/bin
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FC_CONF := /etc/fonts/conf.d/65-docgen.conf

.PHONY: demo test lint bench system system-test venv fontconfig clean

demo: system venv fontconfig
	$(BIN)/docgen build --format all

test: system-test venv fontconfig lint
	$(BIN)/python -m pytest

# Gates: ruff (style, imports, likely bugs) and mypy (types), configured in pyproject.toml.
lint: venv
	$(BIN)/ruff check
	$(BIN)/mypy

system:
	$(SUDO) bash scripts/install-system.sh

system-test:
	$(SUDO) bash scripts/install-system.sh --for-tests

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

bench: system-test venv fontconfig
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_watch.py
	$(BIN)/python benchmarks/bench_ofd.py

# Let LibreOffice (and any fontconfig program) show the official font names
# with the open substitutes.
fontconfig: venv
	$(BIN)/docgen fontconfig > $(VENV)/65-docgen.conf
	cmp -s $(VENV)/65-docgen.conf $(FC_CONF) || { $(SUDO) cp $(VENV)/65-docgen.conf $(FC_CONF) && $(SUDO) fc-cache; }

clean:
	rm -rf $(VENV) build/*.docx build/*.pdf
