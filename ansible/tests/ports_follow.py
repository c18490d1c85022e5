#!/usr/bin/python3
"""One source per port (issue 17): checks a render of site.yml made from an inventory whose
group_vars/all moved every port of roles/ports by SHIFT.

    ports_follow.py PORTS_DEFAULTS RENDER_ROOT SHIFT

Fails when a rendered file still names a default port where a port is written (":3000",
"port 6379", "--dport 8081", "Port 22", "http_port = 3000"...), or when a consumer the topology
needs does not name the moved port (the app listens where HAProxy sends, the firewall opens what
listens, ...). Prints one line per finding.
"""
import re
import sys
from pathlib import Path

import yaml

# (port variable, host, file under the host's root, what must be written there)
CONSUMERS = [
    ("caddy_ports_redis", "app1", "etc/caddy-backend/caddy-backend.env", 'REDIS_PORT="{port}"'),
    ("caddy_ports_redis_sentinel", "app1", "etc/caddy-backend/caddy-backend.env", ":{port},"),
    ("caddy_ports_app", "app1", "etc/caddy-backend/caddy-backend.env", "\nPORT=\"{port}\""),
    ("caddy_ports_app", "lb1", "etc/haproxy/haproxy.cfg", ":{port} "),
    ("caddy_ports_app", "app1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_app_admin", "app1", "etc/caddy-backend/caddy-backend.env", "ADMIN_PORT=\"{port}\""),
    ("caddy_ports_app_admin", "app1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_tidb_sql", "app1", "etc/caddy-backend/caddy-backend.env", "DB_PORT=\"{port}\""),
    ("caddy_ports_tidb_sql", "app1", "etc/haproxy/haproxy.cfg", ":{port}"),
    ("caddy_ports_tidb_sql", "tidb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_tidb_status", "app1", "etc/haproxy/haproxy.cfg", "port {port}"),
    ("caddy_ports_tidb_status", "tidb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_pd_client", "pd1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_pd_peer", "pd1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_tikv", "tikv1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_tikv_status", "tikv1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_redis", "redis1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_redis_sentinel", "redis1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_http", "lb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_https", "lb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_haproxy_exporter", "lb1", "etc/haproxy/haproxy.cfg", ":{port}"),
    ("caddy_ports_haproxy_exporter", "lb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_nginx_exporter", "lb1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_node_exporter", "app1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_redis_exporter", "redis1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_prometheus", "mon1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_alertmanager", "mon1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_grafana", "mon1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_syslog", "mon1", "etc/iptables/rules.v4", "--dport {port} "),
    ("caddy_ports_syslog", "app1", "etc/rsyslog.d/90-caddy-forward.conf", 'port="{port}"'),
    ("caddy_ports_ssh", "app1", "etc/ssh/sshd_config", "Port {port}"),
    ("caddy_ports_ssh", "app1", "etc/iptables/rules.v4", "--dport {port} "),
]

# Where a port is written: after a colon, after "port"/"Port" (with "=" or a space), or after --dport.
ENV_FALLBACK = re.compile(r"\$\{[A-Z_]+:-")
PORT_CONTEXT = r'(?:(?<![\w:])[\w.-]*:|(?i:port)(?:\s*=\s*"?|\s+)|--dport\s+)'


def main(defaults_path, root, shift):
    ports = yaml.safe_load(Path(defaults_path).read_text())
    shift = int(shift)
    root = Path(root)
    problems = []
    for name, host, rel, pattern in CONSUMERS:
        path = root / host / rel
        want = pattern.format(port=ports[name] + shift)
        if not path.is_file():
            problems.append(f"{host}:/{rel} missing (wanted {want!r} for {name})")
        elif want not in path.read_text(errors="replace"):
            problems.append(f"{host}:/{rel} does not follow {name}: no {want!r}")
    stale = re.compile(PORT_CONTEXT + r'(' + '|'.join(sorted({str(p) for p in ports.values()}, key=len, reverse=True)) + r')(?!\d)')
    files = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".key", ".crt", ".pem", ".gz")):
        files += 1
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            # Comments, and the service's own fallbacks (${PORT:-3000}) that the env file overrides.
            if line.lstrip().startswith("#") or ENV_FALLBACK.search(line):
                continue
            match = stale.search(line)
            if match:
                problems.append(f"{path.relative_to(root)}:{number}: default port {match.group(1)} kept: {line.strip()[:140]}")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{len(ports)} ports moved by {shift}: {len(CONSUMERS)} consumers follow, no default port left in {files} rendered files")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
