# Parley: two commands do everything on a fresh machine.
#   make run   installs, builds what is missing, migrates and starts Parley on its embedded
#              defaults (PGlite, in-process limits, demo model), printing the URL.
#   make test  installs, then lint, typecheck and every test tier; fails on any failure.
# Variables already in the environment win over .env, which wins over the run defaults.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PNPM_VERSION := 12
BACKEND_MAIN := backend/dist/backend/src/main.js
MIGRATE_CLI  := backend/dist/backend/src/cli/migrate.js
ENV_FILE     := $(CURDIR)/.env

BACKEND_SOURCES  := $(shell find backend/src migrations -name '*.ts' -not -path '*/generated/*' 2>/dev/null) \
                    backend/tsoa.json backend/tsconfig.json backend/tsconfig.build.json backend/package.json
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
                    frontend/index.html frontend/vite.config.ts frontend/package.json $(wildcard frontend/tsconfig*.json)

.PHONY: help install run dev build migrate migrate-down lint format typecheck test test-backend test-frontend test-e2e screenshots clean

# Playwright drives Debian's Chromium (/usr/bin/chromium); it must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

node_modules/.modules.yaml: package.json pnpm-lock.yaml pnpm-workspace.yaml backend/package.json frontend/package.json migrations/package.json e2e/package.json
	@command -v pnpm >/dev/null || npm install -g pnpm@$(PNPM_VERSION)
	pnpm install --frozen-lockfile
	@touch $@

install: node_modules/.modules.yaml ## Install dependencies (only when the lockfile changed)

frontend/dist/index.html: node_modules/.modules.yaml $(FRONTEND_SOURCES)
	pnpm --filter @parley/frontend run build

$(BACKEND_MAIN): node_modules/.modules.yaml $(BACKEND_SOURCES)
	pnpm --filter @parley/backend run build

build: $(BACKEND_MAIN) frontend/dist/index.html ## Build backend and frontend (only what changed)

run: build ## Start Parley (development mode, chat flag on, embedded defaults unless configured)
	node --enable-source-maps $(BACKEND_MAIN) --dotenv $(ENV_FILE) --development-defaults

dev: install ## Backend and frontend with reload (frontend on :5173 proxies to the backend)
	pnpm --parallel --filter @parley/backend --filter @parley/frontend run dev

migrate: $(BACKEND_MAIN) ## Apply pending migrations (DATABASE_URL, else embedded PGlite)
	node $(MIGRATE_CLI) up --dotenv $(ENV_FILE)

migrate-down: $(BACKEND_MAIN) ## Roll back the last migration
	node $(MIGRATE_CLI) down --dotenv $(ENV_FILE)

lint: install ## Formatting (Prettier), ESLint, layer rules (dependency-cruiser), the frontend's API types against the OpenAPI document
	pnpm exec prettier --check .
	pnpm -r --if-present run lint
	pnpm exec eslint --max-warnings 0 .
	pnpm --filter @parley/frontend run check:api

format: install ## Format the whole tree with Prettier and apply ESLint's fixes
	pnpm exec prettier --write .
	pnpm exec eslint --fix .

typecheck: install ## TypeScript, no emit
	pnpm -r --if-present run typecheck

test-backend: install ## Backend tests with coverage (thresholds in backend/vitest.config.ts)
	pnpm --filter @parley/backend run test --coverage

test-frontend: install ## Frontend tests with coverage (threshold in frontend/vite.config.ts)
	pnpm --filter @parley/frontend run test --coverage

test-e2e: build ## Browser journeys against the whole built stack (needs Chromium, PostgreSQL, Redis)
	pnpm --filter @parley/e2e run test

screenshots: build ## Screenshots of the UI for the docs (docs/screenshots/)
	pnpm --filter @parley/e2e run screenshots

test: lint typecheck ## Lint, typecheck, then every test tier (needs PostgreSQL, Redis and Chromium on localhost)
	$(MAKE) test-backend
	$(MAKE) test-frontend
	$(MAKE) test-e2e

.PHONY: bench-stream
bench-stream: install ## Benchmark what Parley adds to a streamed reply (needs PostgreSQL and Redis on localhost)
	cd backend && pnpm exec tsx bench/stream.bench.ts

.PHONY: bench-limits
bench-limits: install ## Benchmark the Redis Lua limiter against plain INCR (needs Redis on localhost)
	cd backend && pnpm exec tsx bench/limits.bench.ts

.PHONY: seed-bench
seed-bench: install ## One user with 100k chat sessions and 1M messages, then EXPLAIN the list (DATABASE_URL, default parley_bench)
	cd backend && pnpm exec tsx bench/seed-chat.bench.ts

clean: ## Remove build output (keeps ./data)
	rm -rf backend/dist frontend/dist backend/src/http/generated backend/coverage frontend/coverage e2e/test-results e2e/playwright-report
