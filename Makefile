# Two commands for a new user: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench screenshots installer demo clean check-a11y

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m mutuality_desktop --demo

# Tests run on every core (pytest-xdist, from the test extras) and under eatmydata where it is
# installed (.ci/system-deps installs it): the suite's thousands of durable commits then cost no
# fsync. Either one missing is said in one line and the suite runs without it. TEST_WORKERS=1 runs
# it in one process. The 20 slowest tests are listed at the end (issue 13: the suite's time).
TEST_WORKERS ?= auto

test: $(STAMP) lint
	@workers="-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder"; \
	if [ "$(TEST_WORKERS)" = 1 ]; then workers=""; \
	elif ! $(PY) -c 'import xdist' 2>/dev/null; then \
	  echo "pytest-xdist is not installed: the tests run in one process"; workers=""; fi; \
	nosync=""; if command -v eatmydata >/dev/null; then nosync=eatmydata; else \
	  echo "eatmydata is not installed: every test commit waits for the disk (apt-get install eatmydata)"; fi; \
	echo "QT_QPA_PLATFORM=offscreen $$nosync $(PY) -m pytest --durations=20 $$workers"; \
	QT_QPA_PLATFORM=offscreen $$nosync $(PY) -m pytest --durations=20 $$workers

lint: $(STAMP)
	$(VENV)/bin/ruff check mutuality_desktop tests benchmarks
	$(VENV)/bin/mypy

$(VENV)/.bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	@touch $@

bench: $(VENV)/.bench
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m mutuality_desktop.ui.screenshots docs/screenshots

# The demo report's two editions through the accessibility checkers (README: "Checking a report").
check-a11y: $(STAMP)
	@mkdir -p build/a11y
	$(PY) -m mutuality_desktop demo -o build/a11y/demo.mutuality
	$(PY) -m mutuality_desktop report build/a11y/demo.mutuality -o build/a11y/demo.pdf
	$(PY) -m mutuality_desktop report build/a11y/demo.mutuality -o build/a11y/demo.html
	$(VENV)/bin/outloud --no-info --fail-on warning build/a11y/demo.pdf
	$(VENV)/bin/pdfua check build/a11y/demo.pdf
	$(PY) tests/report/axe_check.py build/a11y/demo.html

installer: $(STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.5'
	$(PY) installer/build.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
