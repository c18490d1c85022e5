"""Structural checks of the monitoring artefacts, called by monitoring/tests/run.

Usage: check_monitoring.py COMMAND ARGS... ; exits non-zero with a message on failure.
  alerts-tested RULES_DIR TESTS_DIR     every alert has a promtool unit test that expects it to fire
  alerts-documented RULES_DIR DOC       every alert has a runbook line (a table row) in DOC
  dashboard-exprs DASHBOARD OUT_RULES   write every PromQL expression as a rule file for promtool
  dashboard-coverage DASHBOARD          the dashboard shows every required metric family
  scrape-targets PROM_YML INVENTORY     scrape jobs and targets match the inventory groups
  role-specs ROLES_DIR ROLE...          defaults are role-prefixed and declared (type, description)
                                        in meta/argument_specs.yml; templates start with ansible_managed
"""
import json
import re
import sys

import yaml


def fail(msg):
    print(msg)
    sys.exit(1)


def alerts_tested(rules_dir, tests_dir):
    import glob
    alerts = set()
    for f in glob.glob(f"{rules_dir}/*.yml"):
        for g in yaml.safe_load(open(f))["groups"]:
            alerts.update(r["alert"] for r in g["rules"] if "alert" in r)
    fired = set()
    for f in glob.glob(f"{tests_dir}/*.yml"):
        for t in yaml.safe_load(open(f)).get("tests", []):
            for a in t.get("alert_rule_test", []):
                if a.get("exp_alerts"):
                    fired.add(a["alertname"])
    missing = sorted(alerts - fired)
    if missing:
        fail(f"alerts without a unit test that fires them: {missing}")
    print(f"{len(alerts)} alerts, all tested: {sorted(alerts)}")


def alerts_documented(rules_dir, doc):
    import glob
    alerts = set()
    for f in glob.glob(f"{rules_dir}/*.yml"):
        for g in yaml.safe_load(open(f))["groups"]:
            alerts.update(r["alert"] for r in g["rules"] if "alert" in r)
    rows = set(re.findall(r"^\| (\w+) \|", open(doc).read(), re.M))
    missing = sorted(alerts - rows)
    if missing:
        fail(f"alerts without a runbook line in {doc}: {missing}")
    print(f"{len(alerts)} alerts, each with a runbook line")


def walk_panels(panels):
    for p in panels:
        yield p
        yield from walk_panels(p.get("panels", []))


def dashboard_exprs(path):
    d = json.load(open(path))
    exprs = []
    for p in walk_panels(d["panels"]):
        for t in p.get("targets", []):
            exprs.append((p["title"], t["expr"]))
    for v in d.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
            m = re.fullmatch(r"label_values\((.*),\s*\w+\)", q)
            exprs.append((f"variable {v['name']}", m.group(1) if m else q))
    return d, exprs


def grafana_to_promql(expr):
    # Grafana's interval macros are not PromQL; give them the value Grafana would.
    for macro in ("$__rate_interval", "$__interval", "$__range"):
        expr = expr.replace(macro, "5m")
    return expr


def write_dashboard_rules(path, out):
    _, exprs = dashboard_exprs(path)
    if len(exprs) < 10:
        fail(f"only {len(exprs)} expressions found in {path}")
    rules = [{"record": f"dashboard:expr_{i}", "expr": grafana_to_promql(e)} for i, (_, e) in enumerate(exprs)]
    yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, open(out, "w"), sort_keys=False)
    print(f"{len(exprs)} expressions written to {out}")


# What each dashboard must show (metric families or selectors found in its queries).
COVERAGE = {
    "caddy-backend": ["jetty_requests_seconds_count", "jetty_responses_total",
                      "caddy_http_server_request_duration_seconds_bucket",
                      "jvm_memory_heap_used", "jvm_threads_count", "jvm_gc_", "caddy_db_pool_active", "caddy_db_pool_waiting",
                      "caddy_redis_pool_active", "caddy_cache_hits_total", "caddy_cache_misses_total",
                      "caddy_ratelimit_rejections_total", "caddy_orders_placed_total", "caddy_stock_conflicts_total"],
    "tidb-overview": ['up{job=~"pd|tikv|tidb"}', "store_(up|disconnected|down", "(miss|down|pending|extra)-peer-region-count",
                      "tidb_server_query_total", "tidb_server_handle_query_duration_seconds_bucket", "tikv_grpc_msg_duration_seconds_bucket",
                      "pd_client_request_handle_requests_duration_seconds_bucket", "storage_capacity",
                      "caddy_backup_last_success_timestamp_seconds", "caddy_restore_drill_last_success_timestamp_seconds",
                      "node_timex_offset_seconds"],
    "tidb-pd": ["etcd_server_is_leader", "pd_tso_events", "pd_regions_status", "pd_cluster_status", "pd_scheduler_store_status",
                "etcd_disk_wal_fsync_duration_seconds_bucket", "etcd_network_peer_round_trip_time_seconds_bucket"],
    "tidb-tikv": ["tikv_store_size_bytes", "tikv_raftstore_region_count", "tikv_scheduler_too_busy_total", "tikv_engine_write_stall",
                  "tikv_scheduler_latch_wait_duration_seconds_bucket", "tikv_scheduler_command_duration_seconds_bucket",
                  'name=~"raftstore_.*"', 'name=~"apply_.*"', "tikv_raftstore_append_log_duration_seconds_bucket",
                  "tikv_raftstore_apply_log_duration_seconds_bucket", "tikv_raftstore_log_lag_bucket",
                  "tikv_coprocessor_request_wait_seconds_bucket"],
    "tidb-tidb": ["tidb_server_query_total", "tidb_server_handle_query_duration_seconds_bucket", "tidb_server_execute_error_total",
                  "tidb_server_connections", "tidb_tikvclient_region_err_total", "tidb_tikvclient_backoff_seconds_count",
                  "go_memstats_heap_inuse_bytes", "tidb_ddl_waiting_jobs", "tidb_server_panic_total"],
}


def dashboard_coverage(path):
    d, exprs = dashboard_exprs(path)
    text = "\n".join(e for _, e in exprs)
    if d.get("uid") not in COVERAGE:
        fail(f"dashboard {d.get('uid')!r} has no coverage list in check_monitoring.py")
    need = COVERAGE[d["uid"]]
    missing = [n for n in need if n not in text]
    if missing:
        fail(f"dashboard lacks {missing}")
    if not d.get("uid") or not d.get("title"):
        fail("dashboard needs a uid and a title")
    for p in walk_panels(d["panels"]):
        if p["type"] != "row" and not p.get("targets"):
            fail(f"panel {p['title']!r} has no query")
        if p["type"] != "row" and "datasource" not in p:
            fail(f"panel {p['title']!r} has no datasource")
    print(f"dashboard covers {len(need)} metric families in {sum(1 for p in walk_panels(d['panels']) if p['type'] != 'row')} panels")


def scrape_targets(prom_yml, inventory):
    cfg = yaml.safe_load(open(prom_yml))
    inv = yaml.safe_load(open(inventory))

    def hosts(group, node=None):
        node = inv["all"] if node is None else node
        out = {}
        for name, child in (node.get("children") or {}).items():
            child = child or {}
            if name == group:
                out.update(child.get("hosts") or {})
                for sub in (child.get("children") or {}):
                    out.update(hosts(sub))
            else:
                out.update(hosts(group, child))
        return out

    def all_hosts(node=None):
        node = inv["all"] if node is None else node
        out = dict(node.get("hosts") or {})
        for child in (node.get("children") or {}).values():
            out.update(all_hosts(child or {}))
        return out

    jobs = {j["job_name"]: j for j in cfg["scrape_configs"]}
    expect = {"pd": ("pd_servers", 2379, "/metrics"), "tikv": ("tikv_servers", 20180, "/metrics"),
              "tidb": ("tidb_servers", 10080, "/metrics"), "caddy-backend": ("app_servers", 8081, "/prometheus"),
              "redis": ("redis_servers", 9121, "/metrics"), "redis-sentinel": ("redis_servers", 26379, "/scrape"),
              "haproxy": ("lb_servers", 8405, "/metrics"), "nginx": ("lb_servers", 9113, "/metrics"),
              "haproxy-db-path": ("app_servers", 8405, "/metrics"),
              "node": (None, 9100, "/metrics")}
    for job, (group, port, path) in expect.items():
        if job not in jobs:
            fail(f"scrape job {job} missing")
        j = jobs[job]
        hs = all_hosts() if group is None else hosts(group)
        want = sorted(f"{(h or {}).get('ansible_host', name)}:{port}" for name, h in hs.items())
        got = sorted(t for sc in j["static_configs"] for t in sc["targets"])
        if want != got:
            fail(f"job {job}: targets {got} != {want}")
        labels = sorted(sc["labels"]["host"] for sc in j["static_configs"])
        if labels != sorted(hs):
            fail(f"job {job}: host labels {labels} != {sorted(hs)}")
        if j.get("metrics_path", "/metrics") != path:
            fail(f"job {job}: metrics_path {j.get('metrics_path')} != {path}")
    for job in ("pd", "tikv", "tidb"):
        j = jobs[job]
        tls = j.get("tls_config", {})
        if j.get("scheme") != "https" or not tls.get("cert_file", "").endswith("/prometheus.crt") \
                or not tls.get("key_file", "").endswith("/prometheus.pem") or not tls.get("ca_file", "").endswith("/ca.crt"):
            fail(f"job {job}: the TiDB tier is scraped over TLS with Prometheus' client certificate, got {j}")
    lbs = hosts("lb_servers")
    probe = jobs.get("blackbox-health")
    if lbs:
        if probe is None:
            fail("no blackbox-health job probing the load balancers")
        want = sorted(f"https://{(h or {}).get('ansible_host', name)}/health" for name, h in lbs.items())
        got = sorted(t for sc in probe["static_configs"] for t in sc["targets"])
        if want != got or probe.get("metrics_path") != "/probe" or probe.get("params") != {"module": ["http_health"]}:
            fail(f"job blackbox-health: targets {got} != {want}, or not /probe with module http_health")
        if not any(r.get("target_label") == "__param_target" for r in probe["relabel_configs"]):
            fail("job blackbox-health: the target is not passed as ?target=")
    if not cfg.get("rule_files"):
        fail("no rule_files")
    if not cfg["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]:
        fail("no alertmanager target")
    print(f"{len(expect)} scrape jobs match the inventory {inventory}")


def role_specs(roles_dir, *roles):
    import glob
    errors = []
    for r in roles:
        d = f"{roles_dir}/{r}"
        defaults = yaml.safe_load(open(f"{d}/defaults/main.yml")) or {}
        specs = yaml.safe_load(open(f"{d}/meta/argument_specs.yml"))["argument_specs"]
        options = specs["main"]["options"]
        for name in defaults:
            if not name.startswith(f"{r}_"):
                errors.append(f"{r}: {name} lacks the prefix {r}_")
            if name not in options:
                errors.append(f"{r}: {name} is not declared in argument_specs")
        for entry, spec in specs.items():
            for name, opt in spec.get("options", {}).items():
                if not opt.get("description") or "type" not in opt:
                    errors.append(f"{r}/{entry}: {name} needs a type and a description")
        for t in glob.glob(f"{d}/templates/*.j2"):
            first = open(t).readline().strip()
            ok = first.startswith("{{ ansible_managed | comment") or (t.endswith(".json.j2") and "ansible_managed" in open(t).read())
            if not ok:
                errors.append(f"{t}: does not start with {{{{ ansible_managed | comment }}}}")
    for t in glob.glob(f"{roles_dir}/../../monitoring/**/*.j2", recursive=True):
        if not open(t).readline().startswith("{{ ansible_managed | comment }}"):
            errors.append(f"{t}: does not start with {{{{ ansible_managed | comment }}}}")
    if errors:
        fail("\n".join(errors))
    print(f"{len(roles)} roles: defaults prefixed and declared, templates start with ansible_managed")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"alerts-tested": alerts_tested, "alerts-documented": alerts_documented, "dashboard-exprs": write_dashboard_rules,
     "dashboard-coverage": dashboard_coverage, "scrape-targets": scrape_targets, "role-specs": role_specs}[cmd](*args)
