#!/usr/bin/env python3
"""Load generator of the end-to-end run: shoppers that read and write through nginx on TLS.

  shopper.py login  --lb ADDR --site NAME --ca FILE --users N --out FILE
      registers N shoppers (or logs in those already registered) and writes their tokens to FILE.
  shopper.py shop   --lb ADDR --site NAME --ca FILE --tokens FILE --product ID --stop FILE --out FILE [--progress FILE]
      one thread per shopper, until FILE exists: read the product, put it in the cart, read the
      cart, place an order (Idempotency-Key) and cancel it (the stock goes back). Every request
      that does not get its expected answer is a failure (connection errors included). Writes a
      JSON summary to --out: requests, failures (the first ones in detail), per-operation counts.

Each shopper has its own keep-alive connection to the one load balancer given; a request that
fails closes it and the next request opens a new one.
"""
import argparse
import http.client
import json
import os
import socket
import ssl
import sys
import threading
import time
import uuid

PASSWORD = "correct horse battery e2e"


class Client:
    def __init__(self, lb, site, ca, timeout=15):
        self.lb, self.site, self.timeout = lb, site, timeout
        self.context = ssl.create_default_context(cafile=ca)
        self.conn = None

    def _connect(self):
        raw = socket.create_connection((self.lb, 443), timeout=self.timeout)
        conn = http.client.HTTPSConnection(self.site, 443, timeout=self.timeout, context=self.context)
        conn.sock = self.context.wrap_socket(raw, server_hostname=self.site)
        return conn

    def request(self, method, path, body=None, token=None, headers=None):
        """(status, parsed JSON or text); status 0 for a connection error (the message as body)."""
        all_headers = {"Host": self.site, "Accept": "application/json"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        if token:
            all_headers["Authorization"] = "Bearer " + token
        all_headers.update(headers or {})
        try:
            if self.conn is None:
                self.conn = self._connect()
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, f"{type(e).__name__}: {e}"
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            return response.status, data.decode(errors="replace")[:200]

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None


def login(args):
    client = Client(args.lb, args.site, args.ca)
    run = uuid.uuid4().hex[:8]
    tokens = []
    for i in range(args.users):
        email = f"shopper-{run}-{i}@example.com"
        status, body = client.request("POST", "/api/auth/register", {"email": email, "password": PASSWORD, "displayName": f"Shopper {i}"})
        if status != 201:
            sys.exit(f"register {email}: {status} {body}")
        status, body = client.request("POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        if status != 200 or not body.get("accessToken"):
            sys.exit(f"login {email}: {status} {body}")
        tokens.append(body["accessToken"])
    with open(args.out, "w") as out:
        json.dump(tokens, out)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.failures = 0
        self.by_operation = {}
        self.examples = []

    def record(self, operation, status, expected, body):
        ok = status in expected
        with self.lock:
            self.requests += 1
            counts = self.by_operation.setdefault(operation, {"ok": 0, "failed": 0})
            counts["ok" if ok else "failed"] += 1
            if not ok:
                self.failures += 1
                if len(self.examples) < 20:
                    self.examples.append({"time": round(time.time(), 3), "operation": operation, "status": status,
                                          "body": body if isinstance(body, str) else json.dumps(body)[:200]})
        return ok


def shopper(client, token, product, stop_file, tally, pause):
    while not os.path.exists(stop_file):
        status, body = client.request("GET", f"/api/products/{product}", token=token)
        tally.record("read product", status, {200}, body)
        status, body = client.request("PUT", f"/api/cart/items/{product}", {"quantity": 1}, token=token)
        tally.record("cart update", status, {200}, body)
        status, cart = client.request("GET", "/api/cart", token=token)
        if not tally.record("cart read", status, {200}, cart) or not isinstance(cart, dict):
            continue
        status, order = client.request("POST", "/api/orders", {"expectedTotal": cart.get("total")}, token=token,
                                       headers={"Idempotency-Key": "e2e-" + uuid.uuid4().hex})
        if tally.record("order", status, {201}, order) and isinstance(order, dict):
            status, body = client.request("POST", f"/api/orders/{order['id']}/cancel", token=token)
            tally.record("cancel", status, {200}, body)
        time.sleep(pause)
    client.close()


def shop(args):
    with open(args.tokens) as f:
        tokens = json.load(f)
    tally = Tally()
    threads = [threading.Thread(target=shopper, args=(Client(args.lb, args.site, args.ca), token, args.product,
                                                      args.stop, tally, args.pause), daemon=True)
               for token in tokens]
    started = time.time()
    for t in threads:
        t.start()
    # The number of requests so far, for the caller to wait on (e2e.sh's wait_shoppers).
    while any(t.is_alive() for t in threads):
        if args.progress:
            with open(args.progress + ".tmp", "w") as out:
                out.write(f"{tally.requests} {tally.failures}\n")
            os.replace(args.progress + ".tmp", args.progress)
        time.sleep(0.5)
    for t in threads:
        t.join()
    elapsed = time.time() - started
    summary = {"requests": tally.requests, "failures": tally.failures, "seconds": round(elapsed, 1),
               "per_second": round(tally.requests / elapsed, 1) if elapsed else 0,
               "orders": tally.by_operation.get("order", {}).get("ok", 0),
               "by_operation": tally.by_operation, "examples": tally.examples}
    with open(args.out, "w") as out:
        json.dump(summary, out, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["login", "shop"])
    parser.add_argument("--lb", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--tokens")
    parser.add_argument("--product", type=int)
    parser.add_argument("--stop")
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--progress", help="file rewritten twice a second with 'requests failures'")
    args = parser.parse_args()
    {"login": login, "shop": shop}[args.command](args)


if __name__ == "__main__":
    main()
