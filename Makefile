# Keel's two commands, `make run` and `make test`, and everything they need, installed only when missing.
#
#   make run      install what is missing, build, start Keel on its default database
#   make test     the same set-up, then every test (Rust, UI, bindings drift, real-window E2E)
#   make package  a .deb and an .rpm (keel-app and keel), checked and installed
#   make lint     rustfmt, clippy, Prettier and ESLint as CI runs them
#   make bindings regenerate ui/src/lib/bindings.ts from the Rust types
#   make schemas  regenerate docs/*.schema.json from the Rust types
#   make soak     the SIGKILL crash tests (writes, restores) with 2000 kills instead of 200
#   make fuzz     fuzz the exchange-file parser for FUZZ_SECONDS (default 600)
#   make bench    criterion benchmarks, the store and window at 10,000 assessments, start-up vs a blank window
#   make icons    regenerate icons/ from icons/keel.svg

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(PATH)

# Debian packages: WebKitGTK and a C toolchain to build; Xvfb and WebKitWebDriver to test
# without a screen.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential file pkg-config xvfb xauth webkit2gtk-driver poppler-utils qpdf strace
# Only for `make package` (reads the .rpm back) and `make bench` (grabs the screen with Python).
PACKAGE_APT_PACKAGES := rpm x11-utils
BENCH_APT_PACKAGES := python3 x11-utils
TAURI_DRIVER_VERSION := 2.1.0
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
XVFB := xvfb-run -a -s '-screen 0 1280x800x24'
CARGO := cargo
UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/vite.config.ts ui/svelte.config.js icons/keel.svg

.PHONY: help run test setup system-deps apt-install tauri-driver ui lint package bindings schemas soak fuzz bench icons clean

help:
	@sed -n '3,12p' Makefile | sed 's/^# \{0,1\}//'

## ---- set-up (idempotent: a second run installs nothing) ----

setup: system-deps ui

system-deps:
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it with rustup (Rust 1.92 or newer), then run make again." >&2; exit 1; }
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; then \
	    echo "Missing Debian packages:$$missing. Install them as root (apt-get install$$missing) and run make again." >&2; exit 1; \
	  fi; \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

tauri-driver:
	@command -v tauri-driver >/dev/null || { echo "Installing tauri-driver $(TAURI_DRIVER_VERSION)"; $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION); }

ui/node_modules/.installed: ui/package.json ui/package-lock.json | system-deps
	@# `npm ci` rejects the lockfile this npm writes (it records only this platform's optional
	@# packages); `npm install` installs exactly the locked versions all the same.
	npm --prefix ui install --no-audit --no-fund
	touch $@

ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	npm --prefix ui run build

ui: ui/dist/index.html

## ---- the two commands ----

run: setup
	$(CARGO) build --locked -p keel-app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "Keel is built, but there is no display to show its window (DISPLAY and WAYLAND_DISPLAY are unset)." >&2; \
	  echo "Run it from a desktop session, or on a virtual screen with:  xvfb-run -a make run" >&2; \
	  exit 2; \
	fi
	./target/debug/keel-app

test: setup tauri-driver
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	@# Builds target/debug/keel-app too (keel-app has integration tests), used by the E2E below.
	$(CARGO) test --locked --workspace
	@# The file formats' JSON Schemas: schemars is a keel-core feature, off in the app.
	$(CARGO) test --locked -p keel-core --features schema --test schemas
	npm --prefix ui run check
	npm --prefix ui run lint
	npm --prefix ui test
	$(XVFB) $(CARGO) test --locked -p keel-e2e --test e2e -- --ignored --test-threads=1 --skip measure_

## ---- the rest ----

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	npm --prefix ui run lint

# The .deb and .rpm carry keel-app and keel (with its man page, docs/keel.1); release binaries are
# stripped (Cargo.toml). AppImage is left out: its bundler downloads AppRun from the internet.
package: setup
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(PACKAGE_APT_PACKAGES)"
	$(CARGO) build --locked --release -p keel-cli
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb,rpm
	@deb=$$(ls -t target/release/bundle/deb/*.deb | head -1); rpm=$$(ls -t target/release/bundle/rpm/*.rpm | head -1); \
	echo "Packages:"; ls -l "$$deb" "$$rpm"; \
	tests/package/check.sh "$$deb" "$$rpm"

apt-install:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

bindings: ui
	KEEL_UPDATE_BINDINGS=1 $(CARGO) test --locked -p keel-app --test ipc typescript_bindings

FUZZ_SECONDS ?= 600
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	mkdir -p fuzz/corpus/exchange
	cp docs/examples/*.json fuzz/corpus/exchange/
	cp tests/corpus/exchange/[0-9]*.json fuzz/corpus/exchange/
	@# The machine's one toolchain is stable; cargo-fuzz needs nightly flags.
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run exchange -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1

# Release builds, as a user runs Keel. The large database (10,000 assessments in 500
# organisations, one with 20 years) is generated through keel-store once and kept in target/bench.
BENCH := target/bench
BENCH_RUNS ?= 5
bench: setup tauri-driver
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_APT_PACKAGES)"
	@# Criterion's figures with a shorter warm-up and measurement than its defaults: `make bench`
	@# whole stays within a few minutes on two cores.
	$(CARGO) bench --locked --bench '*' -p keel-core -p keel-store -p keel-export -- --warm-up-time 1 --measurement-time 2
	$(CARGO) build --locked -p keel-app
	$(XVFB) $(CARGO) test --locked -p keel-e2e --test e2e -- --ignored --nocapture measure_walkthrough_latency
	@# The same, today's window against the one before issues 12-17, in turns (only the UI differs).
	$(XVFB) tests/bench/walkthrough_ab.sh
	$(CARGO) build --locked --release -p keel-app --features custom-protocol
	@# Two commands: with --example, cargo builds only the example, not the `keel` binary.
	$(CARGO) build --locked --release -p keel-cli
	$(CARGO) build --locked --release -p keel-store --example big_database
	cd tests/blank-window && $(CARGO) build --release --offline --features custom-protocol --target-dir ../../target
	mkdir -p $(BENCH)/demo $(BENCH)/large
	test -e $(BENCH)/demo/keel.sqlite3 || target/release/keel demo --db $(BENCH)/demo/keel.sqlite3
	test -e $(BENCH)/large/keel.sqlite3 || target/release/examples/big_database $(BENCH)/large/keel.sqlite3
	target/release/examples/big_database --measure $(BENCH)/large/keel.sqlite3
	for db in demo large; do \
	  KEEL_APP_BIN=$(CURDIR)/target/release/keel-app KEEL_BENCH_DB=$(CURDIR)/$(BENCH)/$$db/keel.sqlite3 KEEL_BENCH_RUNS=$(BENCH_RUNS) \
	    $(XVFB) $(CARGO) test --locked -p keel-e2e --test e2e -- --ignored --nocapture --exact measure_interactions; \
	done
	$(XVFB) python3 tests/bench/startup.py $(BENCH_RUNS) \
	  "blank window=target/release/keel-blank-window" \
	  "Keel, demo=target/release/keel-app --db $(BENCH)/demo/keel.sqlite3" \
	  "Keel, 10,000 assessments=target/release/keel-app --db $(BENCH)/large/keel.sqlite3" \
	  "Keel, 10,000, first start of day=target/release/keel-app --db $(BENCH)/large/keel.sqlite3" \
	  --fresh-backups "Keel, 10,000, first start of day=$(BENCH)/large/backups"

soak:
	KEEL_CRASH_KILLS=2000 $(CARGO) test --locked --release -p keel-store --test crash -- --nocapture

schemas:
	KEEL_UPDATE_SCHEMAS=1 $(CARGO) test --locked -p keel-core --features schema --test schemas

icons: ui/node_modules/.installed
	cd ui && npx tauri icon ../icons/keel.svg -o ../icons
	cd icons && rm -rf android ios Square*.png StoreLogo.png

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
