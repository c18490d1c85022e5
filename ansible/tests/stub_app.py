#!/usr/bin/env python3
"""Stand-in for caddy-backend in the load balancer tests: answers /health with 200 and every other
request (any method) with CODE, echoing the proxy headers it received. With LOG, appends one line
"METHOD PATH" per request other than /health to that file.
Usage: stub_app.py PORT [CODE [LOG]] (binds 127.0.0.1 only; CODE defaults to 200)."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CODE = int(sys.argv[2]) if len(sys.argv) > 2 else 200
LOG = sys.argv[3] if len(sys.argv) > 3 else None


class Handler(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        code = 200
        if self.path == "/health":
            body = b'{"status":"UP"}'
        else:
            code = CODE
            if LOG:
                with open(LOG, "a") as log:
                    log.write(f"{self.command} {self.path}\n")
            body = json.dumps({
                "path": self.path,
                "x-forwarded-proto": self.headers.get("X-Forwarded-Proto"),
                "x-forwarded-for": self.headers.get("X-Forwarded-For"),
                "x-real-ip": self.headers.get("X-Real-IP"),
                "host": self.headers.get("Host"),
            }).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # HAProxy closed the connection to retry elsewhere

    do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = answer

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
