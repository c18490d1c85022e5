#!/usr/bin/env python3
"""Stand-in for caddy-backend in the load balancer test: answers /health and echoes the
proxy headers it received. Usage: stub_app.py PORT (binds 127.0.0.1 only)."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            body = b'{"status":"UP"}'
        else:
            body = json.dumps({
                "path": self.path,
                "x-forwarded-proto": self.headers.get("X-Forwarded-Proto"),
                "x-forwarded-for": self.headers.get("X-Forwarded-For"),
                "x-real-ip": self.headers.get("X-Real-IP"),
                "host": self.headers.get("Host"),
            }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
