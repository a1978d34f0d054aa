# crma — two commands on a fresh machine: `make` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all
export LC_ALL := C.UTF-8
export TZ := UTC

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CRMA := .build/release/crma
SWIFT_SOURCES := Package.swift $(shell find Sources -type f)
DATA_FILES := $(wildcard data/*.csv) $(wildcard data/publishers/*/*/*.csv) data/datapackage.json
VENV := .venv
FRICTIONLESS_VERSION := 5.21.0
FRICTIONLESS := $(VENV)/bin/frictionless

.PHONY: all deps build test validate check-reports check-units check-deploy check-examples nightly docs bench bench-trade bench-nightly bench-ingest clean \
  format install uninstall

all: build reports/README.md

## deps: installs libcsv-dev (the only system library crma needs) when csv.h is missing.
deps: /usr/include/csv.h

/usr/include/csv.h:
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcsv-dev

build: $(CRMA)

$(CRMA): $(SWIFT_SOURCES) | deps
	$(SWIFT) build -c release --product crma

## The external validator lives in a local virtual environment, pinned.
$(FRICTIONLESS):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet frictionless==$(FRICTIONLESS_VERSION)

## validate: crma's own check of data/, then frictionless's.
validate: $(CRMA) $(FRICTIONLESS)
	$(CRMA) validate --data data
	$(FRICTIONLESS) validate data/datapackage.json

## The ingest stage's output: rerun only when data/ or the binary changed.
build/ingest/datapackage.json: $(CRMA) $(DATA_FILES)
	$(CRMA) ingest --data data --out build/ingest

## The transform stage: derived tables from the ingest output.
build/transform/datapackage.json: $(CRMA) build/ingest/datapackage.json
	$(CRMA) transform --in build/ingest --out build/transform

## The report stage: reports/ is committed, regenerated from data/ and the code.
reports/README.md: $(CRMA) build/transform/datapackage.json
	$(CRMA) report --in build/transform --out reports

## Fails when the committed reports/ differ from what data/ and the code produce now.
check-reports: $(CRMA)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(CRMA) ingest --data data --out "$$tmp/ingest" >/dev/null && \
	$(CRMA) transform --in "$$tmp/ingest" --out "$$tmp/transform" 2>/dev/null && \
	$(CRMA) report --in "$$tmp/transform" --out "$$tmp/reports" && \
	if diff -r reports "$$tmp/reports" >/dev/null; then echo "reports/ is current"; \
	else diff -r reports "$$tmp/reports" | head -20; echo "reports/ is stale: run make and commit reports/" >&2; exit 1; fi

## The two ways of reuse, run for real: the Swift example package (depends on crma by path)
## and the Python example that reads the stage outputs.
check-examples: $(CRMA)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(CRMA) ingest --data data --out "$$tmp/ingest" && \
	$(CRMA) transform --in "$$tmp/ingest" --out "$$tmp/transform" 2>/dev/null && \
	python3 Examples/python/read_outputs.py "$$tmp/transform" | tee "$$tmp/python.txt" && \
	grep -q "Ukraine" "$$tmp/python.txt" && \
	$(SWIFT) run --package-path Examples/GraphiteShares graphite-shares "$(CURDIR)/data" 2>/dev/null | tee "$$tmp/swift.txt" && \
	grep -q "Natural graphite counts towards" "$$tmp/swift.txt"

## The systemd units, checked with systemd-analyze where it exists (paths pointed at this checkout).
check-units: $(CRMA)
	@if command -v systemd-analyze >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  sed -e "s|/usr/local/bin/crma|$(abspath $(CRMA))|" -e "s|/srv/crma|$(CURDIR)|g" -e "s|^User=crma|User=root|" \
	    deploy/crma.service > "$$tmp/crma.service" && \
	  cp deploy/crma.timer "$$tmp/crma.timer" && \
	  out=$$(systemd-analyze verify "$$tmp/crma.service" "$$tmp/crma.timer" 2>&1); \
	  if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi; echo "systemd units verified"; \
	else echo "systemd-analyze not installed: units not verified"; fi

## The shipped unit's ExecStart under its own sandbox layout (read-only tree, writable
## StateDirectory), in a private mount namespace.
check-deploy: $(CRMA)
	scripts/check-deploy.sh $(CRMA) deploy/crma.service

test: deps $(FRICTIONLESS)
	$(SWIFT) build --build-tests
	CRMA_FRICTIONLESS=$(abspath $(FRICTIONLESS)) $(SWIFT) test
	$(MAKE) --no-print-directory validate check-reports check-units check-deploy check-examples docs

## install: a binary with the Swift runtime linked in (--static-swift-stdlib: the server needs
## no Swift toolchain, only libcsv3), the systemd units and the cron.d line, under
## DESTDIR/PREFIX. The units' binary path follows PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=
UNITDIR ?= $(PREFIX)/lib/systemd/system
CRONDIR ?= /etc/cron.d
STATIC_BUILD := .build/static
STATIC_CRMA := $(STATIC_BUILD)/release/crma

$(STATIC_CRMA): $(SWIFT_SOURCES) | deps
	$(SWIFT) build -c release --product crma --static-swift-stdlib --scratch-path $(STATIC_BUILD)

install: $(STATIC_CRMA)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(CRONDIR)"
	install -m 0755 $(STATIC_CRMA) "$(DESTDIR)$(PREFIX)/bin/crma"
	sed "s|/usr/local/bin/crma|$(PREFIX)/bin/crma|g" deploy/crma.service > "$(DESTDIR)$(UNITDIR)/crma.service"
	install -m 0644 deploy/crma.timer "$(DESTDIR)$(UNITDIR)/crma.timer"
	sed "s|/usr/local/bin/crma|$(PREFIX)/bin/crma|g" deploy/crontab > "$(DESTDIR)$(CRONDIR)/crma"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/crma.service" "$(DESTDIR)$(CRONDIR)/crma"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/crma" "$(DESTDIR)$(UNITDIR)/crma.service" "$(DESTDIR)$(UNITDIR)/crma.timer" \
	  "$(DESTDIR)$(CRONDIR)/crma"

## What the nightly job runs (see deploy/): the whole pipeline, locked, incremental.
nightly: $(CRMA)
	$(CRMA) run --data data --build build --reports reports --lock build/crma.lock

## The trade-extract benchmark: synthetic files in build/bench, crma vs C/libcsv, DuckDB, polars,
## pandas; results into BENCHMARKS.md. Not part of make test (it takes minutes).
BENCH_VENV := .venv-bench
$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet duckdb==2.0.1 polars==2.1.0 pandas==3.1.1

/usr/bin/time:
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time gcc

bench: bench-trade bench-nightly bench-ingest

bench-trade: $(CRMA) $(BENCH_VENV)/bin/python /usr/bin/time
	python3 bench/run_bench.py --python $(BENCH_VENV)/bin/python --crma $(CRMA)

## The whole nightly run on the shipped package (a temporary copy of data/), release binary:
## from scratch and with nothing changed, median of 5 runs each; results into BENCHMARKS.md.
bench-nightly: $(CRMA)
	python3 scripts/bench_nightly.py --runs 5 --crma $(CRMA)

## The ingest benchmark: crma validate and ingest on a copy of data/ plus one ~1 GB SYNTHETIC
## table resource (bench/generate_resource.py, in a fresh /tmp folder, removed after), against
## crma inspect --json on the same file; results into BENCHMARKS.md (bench-ingest markers).
bench-ingest: $(CRMA) /usr/bin/time
	python3 bench/ingest_bench.py --crma $(CRMA)

## DocC for every library, through swift-docc-plugin; fails on any warning.
DOC_TARGETS := CRMAFiles CSVStream CRMAIngest CRMATransform CRMAReport CRMAPipeline CRMATrade CRMAUSGS CRMAMap
docs: deps
	@set -e; mkdir -p build/docs; for target in $(DOC_TARGETS); do \
	  $(SWIFT) package --allow-writing-to-directory build/docs generate-documentation --target $$target \
	    --output-path build/docs/$$target --warnings-as-errors >build/docs-$$target.log 2>&1 \
	    || { cat build/docs-$$target.log; exit 1; }; \
	  echo "docs: $$target -> build/docs/$$target"; \
	done

format:
	swift-format format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build build $(VENV)
