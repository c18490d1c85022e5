#!/usr/bin/env bash
# Installs the Debian packages this project builds, runs and tests with; does nothing when they
# are all present. Root uses apt-get directly, others sudo; without either it says what to run.
#   install-deps.sh         what make build / run / test need
#   install-deps.sh --e2e   the same, plus what make e2e needs to build and boot its machines
set -euo pipefail

PACKAGES=(
  openjdk-17-jdk-headless maven
  mariadb-server mariadb-client
  redis-server redis-sentinel
  nginx haproxy
  ansible ansible-lint yamllint python3 python3-pymysql python3-jinja2 python3-yaml
  python3-aiosmtpd
  prometheus prometheus-alertmanager prometheus-node-exporter prometheus-redis-exporter prometheus-blackbox-exporter
  logrotate ufw iptables shellcheck systemd util-linux
  openssh-server rsyslog aide
  openssl curl jq wrk procps iproute2
)
# make e2e (ansible/tests/fleet): debootstrap for the base, systemd-nspawn, ssh to the machines.
E2E_PACKAGES=(debootstrap systemd-container openssh-client)
if [[ ${1:-} == --e2e ]]; then
  PACKAGES+=("${E2E_PACKAGES[@]}")
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--e2e]" >&2
  exit 2
fi

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
