# The two commands: `make run` and `make test`. Each installs the Debian packages it needs first
# (scripts/install-deps.sh <target>; `make deps` installs everything make test needs).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
MVN := mvn -B -q
# The build shows its steps and, on a first run, each download (minutes of silence otherwise).
MVN_BUILD := mvn -B
JAR := service/target/caddy-backend.jar
SUITES := ansible/tests/run monitoring/tests/run backups/tests/run

.PHONY: deps build run test test-service test-deploy bench clean

deps:
	@bash scripts/install-deps.sh test

build:
	@bash scripts/install-deps.sh build
	$(MVN_BUILD) -DskipTests -DskipITs package

# MONITORING=1 also starts Prometheus on 127.0.0.1:9090 scraping the service with its alert rules.
run: build
	@bash scripts/install-deps.sh run
	@MONITORING=$(MONITORING) bash scripts/run-dev.sh

# Every suite runs even when an earlier one failed; the summary names the failures and the exit
# code is non-zero if any failed.
test: deps
	@bash scripts/test-all.sh $(SUITES)

test-service: deps
	$(MVN) verify

test-deploy: deps
	@for suite in $(SUITES); do bash $$suite; done

# A benchmark, not a test: its own MariaDB, Redis and service on loopback, about 10 minutes;
# writes bench/report.md (raw results under bench/results/).
bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run.sh

# End-to-end (issues 6 and 12; root): boots 9 systemd machines in the production topology on
# loopback addresses (ansible/tests/fleet/fleet.sh), converges site.yml on them twice (the second
# run must change nothing), shops through nginx on TLS, checks every Prometheus target, then the
# day-2 scenarios (database path, edge, uploads, rolling update, release rollback and load
# balancer loss under load, Redis failover, re-run and restore, secrets rotation), then tears the
# machines down. Not part of
# `make test`; .ci/run runs it after. Installs
# what it needs (debootstrap, systemd-container, ssh); the first run builds the machines' base
# under /var/cache/caddy-fleet (CADDY_FLEET_DIR). Timings: see docs/production.md.
.PHONY: e2e
e2e: build
	@bash scripts/install-deps.sh e2e
	@bash ansible/tests/fleet/e2e.sh

clean:
	$(MVN) clean
