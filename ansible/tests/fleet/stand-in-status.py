#!/usr/bin/python3
"""STAND-IN for TiDB's status port (10080) on the test fleet, next to the MariaDB that stands in
for TiDB's SQL port. GET /status answers 200 while MariaDB answers a ping (what HAProxy's health
check on the app nodes asks, as it asks TiDB), 503 otherwise; GET /metrics gives Prometheus one
gauge. Not TiDB: see inventories/fleet/hosts.yml.
Usage: stand-in-status.py ADDRESS PORT MARIADB_SOCKET"""
import json
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDRESS, PORT, SOCKET = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def mariadb_up():
    try:
        return subprocess.run(["mariadb-admin", "--socket=" + SOCKET, "--connect-timeout=2", "ping"],
                              capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        up = mariadb_up()
        if self.path == "/status":
            code, kind = (200 if up else 503), "application/json"
            body = json.dumps({"connections": 0, "version": "MariaDB stand-in for TiDB", "git_hash": ""})
        elif self.path == "/metrics":
            code, kind = 200, "text/plain; version=0.0.4"
            body = ("# HELP caddy_tidb_stand_in_up 1 while the MariaDB standing in for TiDB answers.\n"
                    "# TYPE caddy_tidb_stand_in_up gauge\n"
                    f"caddy_tidb_stand_in_up {1 if up else 0}\n")
        else:
            code, kind, body = 404, "text/plain", "not found\n"
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer((ADDRESS, PORT), Handler).serve_forever()
