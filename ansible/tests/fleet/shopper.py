#!/usr/bin/env python3
"""Load generator of the end-to-end run: shoppers that read and write through nginx on TLS.

  shopper.py login  --lb ADDR --site NAME --ca FILE --users N --out FILE
      logs N shoppers in (e2e-shopper-<i>@example.com, registered only when the login is refused)
      and writes their sessions (access and refresh token) to FILE.
      Each shopper's address is verified before it may check out: the link of the verification
      mail the relay standing in for production's received (read with --mail-command, see verify).
  shopper.py verify --lb ADDR --site NAME --ca FILE --session FILE --email ADDRESS --mail-command CMD
                    [--since EPOCH]
      confirms the address of the account whose session is in FILE as its owner does: the newest
      verification mail to ADDRESS received after EPOCH, read with CMD (smtp-relay.py find on the
      monitoring host, through the fleet's ssh; waited for, at most 60 s), its link's token posted
      as the shop's front end posts it (POST /api/auth/verify-email); /api/users/me must then say
      emailVerified. A verified address is left alone; when the newest mail's link was spent or has
      expired (a fleet reused), a new mail is asked for (POST /api/users/me/verification-mail).
      Prints one line: how long the mail took, its TLS version and SMTP login at the relay.
  shopper.py shop   --lb ADDR --site NAME --ca FILE --tokens FILE --product ID --stop FILE --out FILE
                    [--progress FILE] [--rate R] [--refresh-every S]
      one thread per shopper, until FILE exists: read the product, put it in the cart, read the
      cart, place an order (Idempotency-Key) and cancel it (the stock goes back), all shoppers
      together at about R requests per second; every S seconds each shopper refreshes its session
      as a browser does before its access token expires (15 minutes in production), and the
      sessions file is rewritten (a refresh token is spent once used). Every request that does not
      get its expected answer is a failure (connection errors and 401s included). Writes a JSON
      summary to --out: requests, failures (the first ones in detail), per-operation counts.

Accounts are reused, not registered per run: every client of the run is 127.0.0.1, and the service
allows 10 registrations per address per hour (THROTTLER_REGISTER_*), which the fleet keeps at its
production value. A fresh fleet's run registers 6 accounts (these 4 and the journey's 2); a run
against a fleet already up (CADDY_E2E_REUSE=1) registers only the journey's 2.

Each shopper has its own keep-alive connection to the one load balancer given; a request that
fails closes it and the next request opens a new one.
"""
import argparse
import base64
import http.client
import json
import os
import shlex
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
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


def session_of(body):
    return {"accessToken": body["accessToken"], "refreshToken": body["refreshToken"]}


def login(args):
    client = Client(args.lb, args.site, args.ca)
    sessions = []
    for i in range(args.users):
        email = f"e2e-shopper-{i}@example.com"
        credentials = {"email": email, "password": PASSWORD}
        status, body = client.request("POST", "/api/auth/login", credentials)
        if status == 401:
            status, body = client.request("POST", "/api/auth/register", dict(credentials, displayName=f"Shopper {i}"))
            # 202 whether or not the address was taken (registration does not enumerate accounts).
            if status != 202:
                sys.exit(f"register {email}: {status} {body}")
            status, body = client.request("POST", "/api/auth/login", credentials)
        if status != 200 or not isinstance(body, dict) or not body.get("refreshToken"):
            sys.exit(f"login {email}: {status} {body}")
        print(verify_address(client, email, body["accessToken"], args.mail_command, 0))
        # A session begun before the verification is refreshed after it, as the shop's front end does:
        # its tokens were issued while the address was unverified.
        status, body = client.request("POST", "/api/auth/refresh", {"refreshToken": body["refreshToken"]})
        if status != 200 or not isinstance(body, dict) or not body.get("refreshToken"):
            sys.exit(f"refresh of {email}'s session after the verification: {status} {body}")
        sessions.append(session_of(body))
    save_sessions(args.out, sessions)


# How long a verification mail may take from the shop to the relay: the outbox sender's poll interval
# and a delivery, with room for a busy build machine.
MAIL_WAIT_SECONDS = 60


def newest_verification_mail(mail_command, email, since):
    # Arguments without blanks: the command may be ssh, which hands the remote shell one line.
    command = shlex.split(mail_command) + ["--to", email, "--since", f"{since:.6f}", "--link", "/verify-email",
                                           "--wait", str(MAIL_WAIT_SECONDS)]
    found = subprocess.run(command, capture_output=True, text=True, timeout=MAIL_WAIT_SECONDS + 60)
    if found.returncode != 0 or not found.stdout.strip():
        sys.exit(f"{email}: no verification mail at the relay after {MAIL_WAIT_SECONDS} s ({found.stderr.strip()[-300:]})")
    return json.loads(found.stdout.strip().splitlines()[-1])


def verify_address(client, email, token, mail_command, since):
    started = time.monotonic()
    status, me = client.request("GET", "/api/users/me", token=token)
    if status != 200 or not isinstance(me, dict):
        sys.exit(f"{email}: GET /api/users/me: {status} {me}")
    if me.get("emailVerified"):
        return f"{email}: verified already"
    for attempt in (1, 2):
        mail = newest_verification_mail(mail_command, email, since)
        link = urllib.parse.urlsplit(mail["links"][-1])
        if link.hostname != client.site:
            sys.exit(f"{email}: the verification link points at {link.hostname}, not the shop ({client.site})")
        verification = urllib.parse.parse_qs(link.query).get("token", [""])[0]
        status, body = client.request("POST", "/api/auth/verify-email", {"token": verification})
        if status == 204:
            break
        if status == 422 and attempt == 1:
            # Spent or expired (an earlier run's mail): a new one, as the shop's front end offers.
            since = time.time()
            status, body = client.request("POST", "/api/users/me/verification-mail", token=token)
            if status != 202:
                sys.exit(f"{email}: POST /api/users/me/verification-mail: {status} {body}")
            continue
        sys.exit(f"{email}: POST /api/auth/verify-email: {status} {body}")
    status, me = client.request("GET", "/api/users/me", token=token)
    if status != 200 or not isinstance(me, dict) or me.get("emailVerified") is not True:
        sys.exit(f"{email}: not verified after following the link: {status} {me}")
    return (f"{email}: verified by the link of its mail in {time.monotonic() - started:.1f} s "
            f"(relay: {mail['tls']}, AUTH {mail['auth']})")


def verify(args):
    with open(args.session) as f:
        token = json.load(f)["accessToken"]
    print(verify_address(Client(args.lb, args.site, args.ca), args.email, token, args.mail_command, args.since))


def save_sessions(path, sessions):
    with open(path + ".tmp", "w") as out:
        json.dump(sessions, out)
    os.replace(path + ".tmp", path)


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


class Sessions:
    """The shoppers' sessions, written back to their file after every refresh: the refresh token
    just spent would end the whole login if presented again (reuse detection)."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        with open(path) as f:
            self.sessions = json.load(f)

    def token(self, i):
        return self.sessions[i]["accessToken"]

    def seconds_left(self, i):
        """Until the access token's exp, read as a browser reads it (the claims, no signature check):
        a session saved by an earlier phase may have expired while the run did something else."""
        claims = self.token(i).split(".")[1]
        return json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))["exp"] - time.time()

    def refresh(self, i, client, tally):
        status, body = client.request("POST", "/api/auth/refresh", {"refreshToken": self.sessions[i]["refreshToken"]})
        if tally.record("refresh", status, {200}, body) and isinstance(body, dict):
            with self.lock:
                self.sessions[i] = session_of(body)
                save_sessions(self.path, self.sessions)


# A session is refreshed when its access token has less than this left.
EXPIRY_MARGIN_SECONDS = 60


def shopper(client, sessions, i, product, stop_file, tally, loop_seconds, refresh_every):
    refreshed = time.monotonic()
    while not os.path.exists(stop_file):
        began = time.monotonic()
        # Like a browser: on schedule, and whenever the access token is about to expire (at the start
        # of a phase too: a slow earlier phase may have outlived the token saved in the sessions file).
        if began - refreshed >= refresh_every or sessions.seconds_left(i) < EXPIRY_MARGIN_SECONDS:
            sessions.refresh(i, client, tally)
            refreshed = began
        token = sessions.token(i)
        status, body = client.request("GET", f"/api/products/{product}", token=token)
        tally.record("read product", status, {200}, body)
        status, body = client.request("PUT", f"/api/cart/items/{product}", {"quantity": 1}, token=token)
        tally.record("cart update", status, {200}, body)
        status, cart = client.request("GET", "/api/cart", token=token)
        if not tally.record("cart read", status, {200}, cart) or not isinstance(cart, dict):
            continue
        status, order = client.request("POST", "/api/orders", {"expectedTotal": cart.get("total"), "shippingAddress": {
            "name": "Load Shopper", "line1": "1 Fleet Road", "city": "Berlin", "postalCode": "10115", "country": "DE"}},
            token=token, headers={"Idempotency-Key": "e2e-" + uuid.uuid4().hex})
        if tally.record("order", status, {201}, order) and isinstance(order, dict):
            status, body = client.request("POST", f"/api/orders/{order['id']}/cancel", token=token)
            tally.record("cancel", status, {200}, body)
        # The offered load, not synchronisation: each shopper's share of --rate.
        time.sleep(max(0.0, loop_seconds - (time.monotonic() - began)))
    client.close()


def shop(args):
    sessions = Sessions(args.tokens)
    tally = Tally()
    shoppers = len(sessions.sessions)
    # One loop is 5 requests (6 with a refresh).
    loop_seconds = 5 * shoppers / args.rate
    threads = [threading.Thread(target=shopper, args=(Client(args.lb, args.site, args.ca), sessions, i, args.product,
                                                      args.stop, tally, loop_seconds, args.refresh_every), daemon=True)
               for i in range(shoppers)]
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
    parser.add_argument("command", choices=["login", "verify", "shop"])
    parser.add_argument("--lb", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--out", help="where the tokens (login) or the results (shop) go")
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--tokens")
    parser.add_argument("--product", type=int)
    parser.add_argument("--stop")
    parser.add_argument("--rate", type=float, default=50,
                        help="requests per second of all shoppers together (at most; fewer when the shop is slower)")
    parser.add_argument("--refresh-every", type=float, default=60,
                        help="seconds between two refreshes of a shopper's session")
    parser.add_argument("--progress", help="file rewritten twice a second with 'requests failures'")
    parser.add_argument("--mail-command", help="smtp-relay.py find --dir DIR, as a shell would split it (login, verify)")
    parser.add_argument("--session", help="a session (accessToken) as POST /api/auth/login answers it (verify)")
    parser.add_argument("--email", help="the address to verify (verify)")
    parser.add_argument("--since", type=float, default=0, help="only mail received after this epoch time (verify)")
    args = parser.parse_args()
    if args.command in ("login", "verify") and not args.mail_command:
        parser.error("--mail-command is required: a shopper checks out with a verified address")
    if args.command in ("login", "shop") and not args.out:
        parser.error(f"--out is required ({args.command})")
    if args.command == "verify" and not (args.session and args.email):
        parser.error("--session and --email are required (verify)")
    {"login": login, "verify": verify, "shop": shop}[args.command](args)


if __name__ == "__main__":
    main()
