# Build, serve and test the interview knowledge base. See README.md.
SEEDS ?= seeds
BENCH_SIZES ?= 1 10 100 1000
BENCH_LARGE ?= 1000 5000 10000
BENCH_PODCAST ?= 300
SITE ?= site
SITE_ZENSICAL ?= site-zensical
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ZENSICAL_BIN := .venv-zensical/bin

export NO_MKDOCS_2_WARNING := 1
# Dates in the sitemap come from the last commit, so rebuilds are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site site-zensical serve test lint js-test generate new import topics chromium clean bench

# npm packages, pinned in package-lock.json. Every build needs Pagefind, which
# writes the search index (`dependencies`: `npm ci --omit=dev` installs it alone);
# the tests also need axe-core, which they inject into pages, and `make lighthouse`
# needs Lighthouse (`devDependencies`: `npm ci` installs everything). Each runs
# again whenever package.json or package-lock.json changes.
NPM_CI := npm ci --no-audit --no-fund --loglevel=error
PAGEFIND_DEPS := node_modules/.pagefind-installed
NODE_DEPS := node_modules/.installed
# npm itself comes from Debian's packages when it is missing and we are root.
HAVE_NPM := command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } || \
	{ echo "error: npm is missing (Pagefind, which writes the search index, comes from the npm registry): install Node.js and npm, then run make again" >&2; exit 1; }

$(PAGEFIND_DEPS): package.json package-lock.json
	@$(HAVE_NPM)
	@# Everything installed and up to date includes Pagefind: npm ci --omit=dev would remove the rest.
	if [ ! $(NODE_DEPS) -nt package.json ] || [ ! $(NODE_DEPS) -nt package-lock.json ]; then $(NPM_CI) --omit=dev; fi
	touch $@

$(NODE_DEPS): package.json package-lock.json
	@$(HAVE_NPM)
	$(NPM_CI)
	touch $@ $(PAGEFIND_DEPS)

# The project itself is installed in editable mode so that MkDocs finds its plugin (`interview-kb`).
$(BIN)/.site-deps: requirements.txt pyproject.toml | $(PAGEFIND_DEPS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(BIN)/.test-deps: requirements-test.txt requirements.txt | $(BIN)/.site-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(ZENSICAL_BIN)/.deps: requirements-zensical.txt
	$(PYTHON) -m venv .venv-zensical
	$(ZENSICAL_BIN)/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# The targets run the command line, `interview-kb` (scripts/interview_kb/commands/cli.py).
# Paths reach the commands through the environment, never through the shell: a name with
# spaces, quotes, `$` or backticks is passed as written ($(value …) keeps make from expanding it).
# REPLACE=yes lets a build replace a non-empty folder that is not a previous site.
REPLACE_FLAG = $(if $(filter yes true 1,$(REPLACE)),--replace)

## site: build SITE (default site/) from SEEDS (default seeds/): strict, and all or nothing
site: export KB_MAKE_SEEDS := $(value SEEDS)
site: export KB_MAKE_SITE := $(value SITE)
site: $(BIN)/.site-deps
	$(BIN)/interview-kb build --seeds="$$KB_MAKE_SEEDS" --site="$$KB_MAKE_SITE" $(REPLACE_FLAG)

## site-zensical: build SITE_ZENSICAL (default site-zensical/) with Zensical instead of MkDocs (see docs/guide/publishing.md#a-second-engine-zensical)
site-zensical: export KB_MAKE_SEEDS := $(value SEEDS)
site-zensical: export KB_MAKE_SITE := $(value SITE_ZENSICAL)
site-zensical: $(BIN)/.site-deps $(ZENSICAL_BIN)/.deps
	$(BIN)/interview-kb zensical --seeds="$$KB_MAKE_SEEDS" --site="$$KB_MAKE_SITE" $(REPLACE_FLAG)

## serve: build and serve on http://127.0.0.1:8000, rebuilding the pages an edit of docs/ or seeds/ changes
serve: export KB_SEEDS := $(value SEEDS)
serve: $(BIN)/.site-deps
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## new: write a draft seeds/<slug>.yml for TRANSCRIPT=path, a transcript or a folder of them (and copy each beside it); never overwrites
# The paths reach the command through the environment, unexpanded, never through the shell's reading of the
# recipe: a name with a backtick, `$(...)` or a quote in it is passed as it is.
new: export KB_NEW_PATH := $(value TRANSCRIPT)
new: export KB_NEW_SEEDS := $(value SEEDS)
new: $(BIN)/.site-deps
	$(BIN)/interview-kb new --seeds="$$KB_NEW_SEEDS" -- "$$KB_NEW_PATH"

## import: write a draft for every transcript in SOURCE=folder; skips transcripts whose files exist
import: export KB_NEW_PATH := $(value SOURCE)
import: export KB_NEW_SEEDS := $(value SEEDS)
import: $(BIN)/.site-deps
	$(BIN)/interview-kb import --seeds="$$KB_NEW_SEEDS" -- "$$KB_NEW_PATH"

## generate: write the generated Markdown and kb.json to build/generated for inspection
generate: export KB_MAKE_SEEDS := $(value SEEDS)
generate: $(BIN)/.site-deps
	$(BIN)/interview-kb generate --seeds="$$KB_MAKE_SEEDS" --out build/generated

## topics: write SEEDS/topics.draft.yml, a drafted taxonomy for the series (never over topics.yml), and print what it covers
topics: export KB_MAKE_SEEDS := $(value SEEDS)
topics: $(BIN)/.site-deps
	$(BIN)/interview-kb topics --seeds="$$KB_MAKE_SEEDS"

## chromium: install Debian's chromium for the browser tests (as root, when missing)
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: /usr/bin/chromium is missing and cannot be installed without root; browser tests will be skipped"; \
	  fi; \
	fi

## lint: ruff and mypy, and ESLint on the site's scripts and their unit tests (eslint.config.js)
lint: $(BIN)/.test-deps $(NODE_DEPS)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	node_modules/.bin/eslint --max-warnings=0 overrides/assets tests/js eslint.config.js

## js-test: the unit tests of the site's scripts (tests/js/, Node.js's own test runner; pytest runs them too)
js-test:
	node --test tests/js/

# npm packages first: a complete install also counts as Pagefind's, so npm ci runs once, not twice.
## test: install what tests need, lint, and run the whole suite
test: $(NODE_DEPS) $(BIN)/.test-deps $(ZENSICAL_BIN)/.deps chromium lint
	$(BIN)/python -m pytest

## test-fast: the tests that build no site and drive no browser, in seconds (no lint, nothing installed but the test dependencies)
test-fast: $(BIN)/.test-deps
	$(BIN)/python -m pytest -q -m "not browser and not slow"

## bench: build synthetic series of 1, 10, 100 and 1000 interviews, one interview of 1,000, 5,000 and 10,000 exchanges, and a podcast archive of 300 episodes; print the figures (build/bench.json)
bench: $(BIN)/.site-deps
	$(BIN)/python -m scripts.tools.bench $(BENCH_SIZES) --large $(BENCH_LARGE) --podcast $(BENCH_PODCAST)

## reference: write the guide's reference pages generated from the code (docs/guide/reference/: plugin options, error messages, kb.json and its JSON Schema)
reference: $(BIN)/.site-deps
	$(BIN)/python -m scripts.tools.reference

clean:
	rm -rf site site-zensical build .pytest_cache .mypy_cache .ruff_cache

.PHONY: node screenshots lighthouse reference

## node: install the pinned npm packages (pagefind, axe-core, lighthouse) into node_modules/
node: $(NODE_DEPS)

## screenshots: save screenshots of home, a topic and the interview page at 1280×800 and 390×844 in screenshots/
screenshots: $(BIN)/.test-deps chromium
	$(BIN)/python -m scripts.tools.screenshots --out screenshots

## lighthouse: print Lighthouse's four category scores for the home page and the heaviest topic, person and interview page
##   of the seeds' site, or of a site already built: `make lighthouse SITE=dir`
lighthouse: $(NODE_DEPS) $(BIN)/.test-deps chromium
	$(BIN)/python -m scripts.tools.lighthouse_report $(if $(filter command line environment,$(origin SITE)),--site "$(SITE)")
