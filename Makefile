# The two commands of the README: `make demo` and `make test`.
# The interpreter of .venv: the distribution's Python (3.11 or newer, with venv) where there
# is one, else the first python3 on the PATH. Distributions build it with profile-guided
# optimization; a version manager's default build has none (pyenv's on our machines: a Python
# loop 1.3-1.45 times, a plan PDF 1.06-1.34 times as long; benchmarks/README.md). `make
# PYTHON=...` picks another.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin
SOURCES := src tests $(wildcard benchmarks)

.PHONY: demo test lint typecheck pytest bench lighthouse mutation explore clean system-deps test-system-deps packages

# WeasyPrint needs Pango, and HarfBuzz-Subset for small, byte-identical font subsets.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# The tests read the text of the PDFs with pdftotext, open the web site in chromium, let
# LibreOffice Calc save feedback forms as our users' offices do and Writer convert old
# concepts (.doc, .odt) for `ikonzept import`; git makes the editions.
TEST_SYSTEM_PACKAGES := $(SYSTEM_PACKAGES) poppler-utils chromium libreoffice-calc-nogui \
	libreoffice-writer-nogui git
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

system-deps:
	@$(MAKE) --no-print-directory packages PACKAGES="$(SYSTEM_PACKAGES)"

test-system-deps:
	@$(MAKE) --no-print-directory packages PACKAGES="$(TEST_SYSTEM_PACKAGES)"

packages:
	@dpkg -s $(PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installiere Systempakete: $(PACKAGES)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(PACKAGES); }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python system-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python test-system-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/ikonzept build concept --output out
	$(BIN)/ikonzept site concept --output out/site
	$(BIN)/ikonzept build concept-2019 --output out/2019
	$(BIN)/ikonzept site concept-2019 --output out/2019/site
	$(BIN)/ikonzept bericht concept-2019 --output out/2019

test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python benchmarks/run.py

# Lighthouse (npm, installed on first use) on every kind of page of the sample's site and
# of the 1,000-actor concept's; the figures: benchmarks/README.md.
lighthouse: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_lighthouse.py

# The property tests with new random examples, ten times as many (run it after changing
# the editor or the diff; keep what it finds as an example in tests/test_edit.py).
explore: $(VENV)/.installed-test
	IKONZEPT_HYPOTHESIS=explore IKONZEPT_EDIT_EXAMPLES=25000 $(BIN)/pytest -q tests/test_edit_properties.py tests/test_diff.py

# Not part of `make test`: an hour or more. Mutants are remembered in mutants/; a second run
# tests only what changed. The results and the reviewed survivors: benchmarks/README.md.
mutation: $(VENV)/.installed-test
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
	IKONZEPT_MUTATION=1 IKONZEPT_EDIT_EXAMPLES=300 $(BIN)/python benchmarks/mutation.py run --max-children 2
	$(BIN)/python benchmarks/mutation.py results

clean:
	rm -rf out dist build mutants .pytest_cache .mypy_cache .ruff_cache
