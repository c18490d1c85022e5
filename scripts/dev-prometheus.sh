#!/usr/bin/env bash
# Writes the Prometheus configuration `make run MONITORING=1` uses: one job scraping the local
# service's admin port with the labels the fleet gives it (job caddy-backend, a host), and the
# service's shipped alert rules, so the queries of monitoring/ (dashboards, alerts) work unchanged.
#   dev-prometheus.sh <directory> <admin port>   prints the configuration file's path
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 <directory> <admin port>" >&2; exit 2; }
dir=$1 admin_port=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/rules"
# The service's own rules only: the fleet's host, TiDB and load balancer rules would alert on
# exporters that do not run here.
cp "$root/monitoring/prometheus/rules/caddy-service.yml" "$dir/rules/"
cat >"$dir/prometheus.yml" <<YAML
# Written by scripts/dev-prometheus.sh for make run MONITORING=1; rewritten on every start.
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: caddy-backend
    metrics_path: /prometheus
    static_configs:
      - targets: ["127.0.0.1:$admin_port"]
        labels:
          host: local
YAML
echo "$dir/prometheus.yml"
