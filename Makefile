# Set-up and everyday commands; each target builds .venv first (only when pyproject.toml changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc)

.PHONY: run sample serve test lint format typecheck pytest browser bench bench-store clean system-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Front-end files come from npm (package-lock.json) and are served by the app itself: no CDN.
VENDOR := src/luoshi/web/static/vendor/echarts.min.js
$(VENDOR): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(dir $(VENDOR))
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)

# axe-core is for the accessibility tests only: copied beside them, never into the served static files.
AXE := tests/web/vendor/axe.min.js
$(AXE): package.json package-lock.json
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent
	mkdir -p $(dir $(AXE))
	cp node_modules/axe-core/axe.min.js $(AXE)

# The workbench on the demo: ./luoshi.db is filled once (its accounts kept beside it), lamps judged
# on the demo's date; delete luoshi.db to start over.
DEMO_DB := luoshi.db
DEMO_ACCOUNTS := luoshi-demo-accounts.txt
run: $(STAMP) $(VENDOR)
	@if [ ! -f $(DEMO_DB) ]; then \
		$(BIN)/luoshi demo --database sqlite:///$(DEMO_DB) > $(DEMO_ACCOUNTS) || { rm -f $(DEMO_DB); exit 1; }; fi
	@cat $(DEMO_ACCOUNTS) 2>/dev/null || echo "演示账号：admin / demo-admin，duchashi / demo-duchashi，quzhang / demo-quzhang，dept01… / demo-dept01…"
	@echo "落实工作台 / luoshi workbench: http://127.0.0.1:8000  (Ctrl-C 停止 / to stop)"
	LUOSHI_AS_OF=$${LUOSHI_AS_OF:-2022-12-10} $(BIN)/luoshi serve --host 127.0.0.1 --port 8000 --database sqlite:///$(DEMO_DB)

# The extraction of the bundled report as readable tables.
sample: $(STAMP)
	$(BIN)/luoshi extract --sample --format table

serve: $(STAMP) $(VENDOR)
	$(BIN)/luoshi serve

# Debian's chromium for the browser tests (installed when missing; see the script).
browser:
	bash scripts/ensure-chromium.sh

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# pytest exits 5 when it collects no tests; make treats that as the failure it is.
# The database tests run on PostgreSQL too when postgresql+psycopg://postgres@127.0.0.1:5432/test
# answers (the summary's last lines say whether they ran); LUOSHI_TEST_DATABASE_URL=URL names
# another server, LUOSHI_TEST_DATABASE_URL=none switches them off. See docs/performance.md.
pytest: $(STAMP) $(VENDOR) $(AXE) browser system-packages
	$(BIN)/pytest -q

# LibreOffice, poppler-utils and a CJK font for the office tests; apt-get runs only when one is missing.
system-packages:
	bash scripts/ensure-system-packages.sh

bench: $(STAMP)
	$(BIN)/python bench/extract.py --jobs $(JOBS)

# Storage and status on SQLite (set PG=postgresql+psycopg://… to add PostgreSQL); see docs/performance.md.
bench-store: $(STAMP)
	$(BIN)/python bench/store.py $(if $(PG),--postgresql $(PG))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis node_modules src/luoshi/web/static/vendor tests/web/vendor
