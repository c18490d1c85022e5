#!/usr/bin/env bash
# Installs the Debian packages one make target needs; does nothing when they are all present.
# Root uses apt-get directly, others sudo; without either it says what to run.
#   install-deps.sh build   JDK and Maven (make build)
#   install-deps.sh run     build + MariaDB, Redis, the mail catcher (make run)
#   install-deps.sh bench   build + MariaDB, Redis, wrk, sysbench (make bench)
#   install-deps.sh test    everything the tests start or validate with (make test; the default)
#   install-deps.sh e2e     test + what make e2e needs to build and boot its machines
# The servers among them (MariaDB, Redis, nginx, HAProxy, Prometheus...) are started by the project
# itself on chosen ports, so a package this script installs is left neither running nor enabled:
# after a reboot nothing holds 3306/6379/80 and `make run` finds its ports free.
set -euo pipefail

BUILD=(openjdk-17-jdk-headless maven)
SERVERS=(mariadb-server mariadb-client redis-server redis-sentinel)
TOOLS=(python3 curl jq openssl procps iproute2)
RUN=("${BUILD[@]}" "${SERVERS[@]}" "${TOOLS[@]}" python3-aiosmtpd prometheus)
# sysbench: the checkout floor (the minimal checkout SQL straight at the bench's MariaDB).
BENCH=("${BUILD[@]}" "${SERVERS[@]}" "${TOOLS[@]}" python3-aiosmtpd wrk sysbench)
TEST=(
  "${RUN[@]}"
  nginx haproxy
  ansible ansible-mitogen ansible-lint yamllint python3-pymysql python3-jinja2 python3-yaml
  prometheus prometheus-alertmanager prometheus-node-exporter prometheus-redis-exporter prometheus-blackbox-exporter
  logrotate ufw iptables shellcheck systemd util-linux wrk
  openssh-server rsyslog aide keepalived
)
# make e2e (ansible/tests/fleet): debootstrap for the base, systemd-nspawn, ssh to the machines.
E2E=("${TEST[@]}" debootstrap systemd-container openssh-client)

# package -> the units its install enables that the project never wants running on this machine
declare -A UNITS=(
  [mariadb-server]=mariadb.service [redis-server]=redis-server.service
  [redis-sentinel]=redis-sentinel.service [nginx]=nginx.service [haproxy]=haproxy.service
  [prometheus]=prometheus.service [prometheus-alertmanager]=prometheus-alertmanager.service
  [prometheus-node-exporter]=prometheus-node-exporter.service
  [prometheus-redis-exporter]=prometheus-redis-exporter.service
  [prometheus-blackbox-exporter]=prometheus-blackbox-exporter.service
  [openssh-server]=ssh.service [keepalived]=keepalived.service
)

case ${1:-test} in
  build) PACKAGES=("${BUILD[@]}") ;;
  run) PACKAGES=("${RUN[@]}") ;;
  bench) PACKAGES=("${BENCH[@]}") ;;
  test) PACKAGES=("${TEST[@]}") ;;
  e2e | --e2e) PACKAGES=("${E2E[@]}") ;;
  *)
    echo "usage: $0 [build|run|bench|test|e2e]" >&2
    exit 2
    ;;
esac
mapfile -t PACKAGES < <(printf '%s\n' "${PACKAGES[@]}" | sort -u)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "deps: missing packages: ${missing[*]}" >&2
  echo "deps: run as root, or install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
# Installing a server package must not start its service: tests and `make run` start their own
# processes on chosen ports. policy-rc.d (if none exists) forbids start-up during the install.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod 0755 "$policy"
  created_policy=true
fi
cleanup() { if $created_policy; then "${SUDO[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
echo "deps: installed ${#missing[@]} package(s)"

# Only the units of packages installed just now: a server the machine's owner enabled before is theirs.
for pkg in "${missing[@]}"; do
  unit=${UNITS[$pkg]:-}
  [[ -n $unit ]] || continue
  if systemctl is-enabled --quiet "$unit" 2>/dev/null; then
    "${SUDO[@]}" systemctl disable --quiet "$unit" 2>/dev/null || echo "deps: could not disable $unit" >&2
  fi
  if systemctl is-active --quiet "$unit" 2>/dev/null; then
    "${SUDO[@]}" systemctl stop "$unit" 2>/dev/null || echo "deps: could not stop $unit" >&2
  fi
done
