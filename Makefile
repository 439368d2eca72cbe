# lakemake — two commands on a fresh machine: `make demo` and `make test`.
# Everything a target needs (system headers, a Python venv for interop tests) is installed here.

SHELL       := /bin/bash
SWIFT       ?= swift
PREFIX      ?= /usr/local
VENV        := .venv
PYTHON      := $(VENV)/bin/python
DEMO        := .demo
LAKEMAKE    := .build/debug/lakemake
RELEASE_BIN := .build/release/lakemake
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PY_PACKAGES := pyarrow duckdb polars pyspark openlineage-python cramjam pandas
# The venv is ready for this package list: a list with a new package installs it into an
# existing .venv too.
VENV_READY  := $(VENV)/.ready-$(shell echo '$(PY_PACKAGES)' | cksum | cut -d' ' -f1)

.PHONY: all deps java chromium build release venv test report-shots demo demo-flights bench bench-flights install clean-demo help fuzz fuzz-smoke crash-test sanitize sanitize-address sanitize-thread

all: build

help:
	@echo "make demo     build, generate a sample lake, run a full and an incremental build, print lineage"
	@echo "make test     every test, interop tests included (installs what is missing)"
	@echo "make bench    benchmarks against the reference tools; appends to bench/results.md"
	@echo "make install  release build into $(PREFIX)/bin"
	@echo "make report-shots  screenshots of both HTML reports at 1280 and 390 px in $(SHOTS)"
	@echo "make fuzz        each libFuzzer target for FUZZ_SECONDS (default 300) from Fuzz/corpus"
	@echo "make crash-test  SIGKILL full builds CRASH_KILLS times (default 100); every recovery must equal a clean build"
	@echo "make sanitize    the test suite under the address and the thread sanitizer (CI runs it)"

# System C libraries through their Debian -dev packages, installed only when a header is missing.
deps:
	@missing=""; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	[ -f /usr/include/zlib.h ]    || missing="$$missing zlib1g-dev"; \
	[ -f /usr/include/zstd.h ]    || missing="$$missing libzstd-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if command -v apt-get >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	  else \
	    echo "please install the development packages for:$$missing"; exit 1; \
	  fi; \
	fi

# A Java runtime for PySpark (the partition-typing examples, docs/partitions.md), installed
# from Debian only when there is no java at all; PySpark 4 needs Java 17 or later.
java:
	@if ! command -v java >/dev/null; then \
	  echo "installing: default-jre-headless (PySpark needs Java)"; \
	  if command -v apt-get >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; \
	  else \
	    echo "please install a Java runtime, version 17 or later"; exit 1; \
	  fi; \
	fi; \
	version=$$(java -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'); \
	if [ "$${version:-0}" -lt 17 ]; then \
	  echo "PySpark needs Java 17 or later; java -version says $${version:-nothing} (on Debian or Ubuntu: apt-get install openjdk-17-jre-headless)"; exit 1; \
	fi

# Headless Chromium for the tests that look at the HTML reports in a browser (screenshots and
# label boxes at 1280 and 390 px), from Debian when it is missing; LAKEMAKE_CHROMIUM names
# another browser binary.
chromium:
	@if [ -z "$$LAKEMAKE_CHROMIUM" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  echo "installing: chromium"; \
	  if command -v apt-get >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	  else \
	    echo "please install chromium (headless), or set LAKEMAKE_CHROMIUM to a Chromium or Chrome binary"; exit 1; \
	  fi; \
	fi
CHROMIUM = $${LAKEMAKE_CHROMIUM:-$$(command -v chromium || command -v chromium-browser)}

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The interop environment: real readers (pyarrow, DuckDB, polars, PySpark) and the
# OpenLineage model.
$(VENV_READY):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check $(PY_PACKAGES)
	rm -f $(VENV)/.ready*
	touch $@

venv: $(VENV_READY)

test: deps java venv chromium
	LAKEMAKE_PYTHON=$(CURDIR)/$(PYTHON) LAKEMAKE_CHROMIUM=$(CHROMIUM) LAKEMAKE_REQUIRE_INTEROP=1 $(SWIFT) test --disable-swift-testing
	@$(MAKE) --no-print-directory fuzz-smoke

# The two HTML reports of a generated sample as headless Chromium draws them, 1280 and 390 px
# wide, kept for a person to look at (the same test `make test` runs, which checks them).
SHOTS := $(DEMO)/screenshots
report-shots: deps chromium
	rm -rf $(SHOTS) && mkdir -p $(SHOTS)
	LAKEMAKE_SCREENSHOTS=$(CURDIR)/$(SHOTS) LAKEMAKE_CHROMIUM=$(CHROMIUM) LAKEMAKE_REQUIRE_INTEROP=1 \
	  $(SWIFT) test --disable-swift-testing --filter ReportsInBrowserTests
	@ls $(SHOTS)/*.png

# Fuzzing (docs/reliability.md): each target is compiled with -sanitize=fuzzer,address into
# .build-fuzz/ and run from its seed corpus; a crash input is kept in .build-fuzz/crashes/.
FUZZ_SECONDS ?= 300
fuzz:
	bash Fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke:
	bash Fuzz/run.sh 10

# SIGKILL at random moments of full builds of the sample lake; see bench/crash-test.sh.
CRASH_KILLS ?= 100
crash-test: build
	bash bench/crash-test.sh $(CRASH_KILLS) $(LAKEMAKE)

# The whole suite under each sanitizer, each in its own build folder; CI runs both after
# `make test` (.ci/run). Leak checking is off: at exit the test process reports what XCTest
# and the test helpers hold, and `watch` 32 bytes per shell command kept by Foundation's
# Process.run() (docs/reliability.md). The fuzz targets check leaks after every input instead.
sanitize: sanitize-address sanitize-thread

sanitize-address: deps java venv chromium
	LAKEMAKE_PYTHON=$(CURDIR)/$(PYTHON) LAKEMAKE_CHROMIUM=$(CHROMIUM) LAKEMAKE_REQUIRE_INTEROP=1 ASAN_OPTIONS=detect_leaks=0 \
	  $(SWIFT) test --scratch-path .build-asan --sanitize=address --disable-swift-testing

sanitize-thread: deps java venv chromium
	LAKEMAKE_PYTHON=$(CURDIR)/$(PYTHON) LAKEMAKE_CHROMIUM=$(CHROMIUM) LAKEMAKE_REQUIRE_INTEROP=1 TSAN_OPTIONS="suppressions=$(CURDIR)/Fuzz/tsan.supp" \
	  $(SWIFT) test --scratch-path .build-tsan --sanitize=thread --disable-swift-testing

# The demo runs in its own folder, so the repository stays clean: the 11-store × 30-day
# sample is generated, one upload is held back and lands late, and only what depends on it
# is rebuilt (its day, and the insights of the later days whose 28-day window holds it, with
# the reports and exports whose inputs changed).
LATE := store_0004_2025-11-15.json
demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/lake $(DEMO)/late && cp -R lake/reference $(DEMO)/lake/ && cp -R rules $(DEMO)/
	@echo "== generate the sample: 11 stores × 30 days, and 2 invalid uploads (stores 9001, 9002)"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) gen sales --stores 11 --days 30 --end 2025-11-27 --seed 42 --bad 2
	mv $(DEMO)/lake/raw/sales/$(LATE) $(DEMO)/late/
	@echo
	@echo "== full build (store 0004 has not uploaded 2025-11-15 yet; the 2 invalid uploads are rejected, exit 1)"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) build -q || [ $$? -eq 1 ]
	@echo
	@echo "== the late upload lands: what will be rebuilt, and why"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) ingest late/$(LATE)
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) build -n
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) build
	@echo
	@echo "== nothing changed: a no-op"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) build --stats -q
	@echo
	@echo "== the daily report of 2025-11-20"
	@head -40 $(DEMO)/lake/reports/sales/daily/date=2025-11-20/report.txt
	@echo
	@echo "== where it came from"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) lineage reports/sales/daily/date=2025-11-20/report.txt --depth 1
	@echo
	@echo "open $(CURDIR)/$(DEMO)/lake/reports/sales/daily/date=2025-11-20/report.html in a browser for the charts"
	@echo
	@$(MAKE) --no-print-directory demo-flights

# A day of generated flights through the flight pipeline (in the demo lake, made if missing):
# 24 hours of snapshots every 5 minutes, 300 aircraft, 2 % injected faults.
demo-flights: build
	@[ -d $(DEMO)/lake ] || { mkdir -p $(DEMO) && cp -R lake rules $(DEMO)/; }
	@echo "== a day of generated flights: 2025-09-18, 300 aircraft, a snapshot every 5 minutes"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) gen flights --date 2025-09-18 --hours 24 --aircraft 300 --interval 300 --seed 7
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) build | tail -n 4
	@echo
	@echo "== top routes of 2025-09-18"
	@sed -n '/^Top routes/,/^$$/p' $(DEMO)/lake/reports/flights/daily/date=2025-09-18/report.txt
	@echo "== observations above 30 000 ft over the Alps, highest first (one per aircraft and snapshot)"
	cd $(DEMO) && $(CURDIR)/$(LAKEMAKE) flights query --bbox 45,5,48,12 --min-alt-ft 30000 --sort=-altitude --limit 3 | grep -E '"(icao24|callsign|snapshot_time|baro_altitude_ft|total)"'
	@echo
	@echo "report: $(DEMO)/lake/reports/flights/daily/date=2025-09-18/report.html (and report.txt)"

bench: release venv
	@bash bench/noop.sh $(RELEASE_BIN) $(PYTHON)
	@bash bench/sales.sh $(RELEASE_BIN) $(PYTHON)
	@bash bench/parquet.sh $(RELEASE_BIN) $(PYTHON)
	@bash bench/flights.sh $(RELEASE_BIN) $(PYTHON)
	@bash bench/sha256.sh $(RELEASE_BIN) $(PYTHON)

bench-flights: release venv
	@bash bench/flights.sh $(RELEASE_BIN) $(PYTHON)

install: release
	install -d $(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(PREFIX)/bin/lakemake

clean-demo:
	rm -rf $(DEMO)
