#!/usr/bin/python3
"""STAND-IN for production's external SMTP relay on the fleet (tests/fleet/smtp-relay-stand-in.yml).

  smtp-relay.py serve --listen ADDR:PORT --cert FILE --key FILE --users FILE --dir DIR [--name NAME]
      SMTP on ADDR:PORT as a submission relay is: STARTTLS required before anything else (MAIL is
      refused on a plain connection), then AUTH (PLAIN or LOGIN) with a user and password of the
      JSON object in --users ({"user": "password"}), then each message kept as one file,
      DIR/<recipient>/<time>-<n>.eml: the message as sent, preceded by X-Relay-* headers saying
      how it came (envelope sender and recipients, the TLS version and the authenticated user).
      Nothing is forwarded. Debian's python3-aiosmtpd does the SMTP.
  smtp-relay.py find --dir DIR --to ADDRESS [--since EPOCH] [--subject TEXT | --subject-has TEXT]
                     [--link PATH] [--wait S]
      the messages to ADDRESS received after EPOCH (whose subject is, or contains, TEXT), oldest first,
      as JSON lines {file, received, subject, tls, auth, links} (links: the URLs of the plain-text
      part, or only those whose path is PATH); waits at most S seconds for one to arrive (exit 1
      when none did). Used by make e2e through the fleet's ssh.
"""
import argparse
import email
import email.policy
import hmac
import itertools
import json
import os
import re
import signal
import ssl
import sys
import time

LINK = re.compile(r"https?://[^\s<>\"']+")


def safe_name(address):
    """A recipient as a directory name (addresses here are plain, but never trust a path)."""
    return re.sub(r"[^A-Za-z0-9@._+-]", "_", address.lower())[:200] or "_"


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        # After STARTTLS, aiosmtpd keeps the TLS transport's extra information in session.ssl.
        tls = (session.ssl or {}).get("ssl_object")
        login = session.login_data.decode(errors="replace") if session.login_data else ""
        headers = (f"X-Relay-Envelope-From: {envelope.mail_from}\r\n"
                   f"X-Relay-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
                   f"X-Relay-TLS: {tls.version() if tls else 'none'}\r\n"
                   f"X-Relay-Auth: {login or 'none'}\r\n").encode()
        name = f"{time.time():.6f}-{os.getpid()}-{next(self.counter):06d}.eml"
        for recipient in envelope.rcpt_tos:
            folder = os.path.join(self.directory, safe_name(recipient))
            os.makedirs(folder, mode=0o750, exist_ok=True)
            temporary = os.path.join(folder, "." + name + ".tmp")
            with open(temporary, "wb") as out:
                out.write(headers)
                out.write(envelope.original_content)
            # Renamed into place: a reader never sees half a message.
            os.replace(temporary, os.path.join(folder, name))
        return "250 Message accepted for delivery"


class Accounts:
    """AUTH against the users file; a relay that took any login would prove nothing."""

    def __init__(self, path):
        with open(path) as f:
            self.users = {user: password.encode() for user, password in json.load(f).items()}

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        expected = self.users.get(auth_data.login.decode(errors="replace"))
        if expected is None or not hmac.compare_digest(expected, auth_data.password):
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=auth_data)


def serve(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    class RelaySMTP(SMTP):
        # AUTH LOGIN's prompts as Postfix (Cyrus and Dovecot SASL) sends them. aiosmtpd's own,
        # "User Name\0", made Alertmanager's LOGIN client (it expects "Username:", and picks LOGIN
        # because the relay lists it first) fail with "unexpected server challenge", 2026-12-07.
        AuthLoginUsernameChallenge = "Username:"
        AuthLoginPasswordChallenge = "Password:"

    class RelayController(Controller):
        def factory(self):
            return RelaySMTP(self.handler, **self.SMTP_kwargs)

    host, port = args.listen.rsplit(":", 1)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.key)
    os.makedirs(args.dir, mode=0o750, exist_ok=True)
    controller = RelayController(Store(args.dir), hostname=host, port=int(port), server_hostname=args.name,
                            tls_context=context, require_starttls=True,
                            authenticator=Accounts(args.users), auth_required=True, auth_require_tls=True,
                            # The fleet's machines share two cores: the start-up self-test may wait.
                            ready_timeout=60)
    controller.start()
    print(f"smtp-relay: {host}:{port}, STARTTLS and AUTH required, messages in {args.dir}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


def summary(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    text = part.get_content() if part is not None else ""
    return {"file": path, "received": float(os.path.basename(path).split("-", 1)[0]),
            "subject": str(message["Subject"] or ""), "tls": str(message["X-Relay-TLS"] or ""),
            "auth": str(message["X-Relay-Auth"] or ""), "from": str(message["From"] or ""),
            "links": LINK.findall(text)}


def find(args):
    folder = os.path.join(args.dir, safe_name(args.to))
    deadline = time.monotonic() + args.wait
    while True:
        found = []
        names = sorted(n for n in os.listdir(folder) if n.endswith(".eml")) if os.path.isdir(folder) else []
        for name in names:
            if float(name.split("-", 1)[0]) < args.since:
                continue
            mail = summary(os.path.join(folder, name))
            if args.subject and args.subject != mail["subject"] or args.subject_has not in mail["subject"]:
                continue
            if args.link:
                mail["links"] = [u for u in mail["links"] if re.match(r"https?://[^/]+" + re.escape(args.link) + r"(\?|$)", u)]
                if not mail["links"]:
                    continue
            found.append(mail)
        if found or time.monotonic() >= deadline:
            break
        # Polling a directory listing: the bound is --wait.
        time.sleep(0.2)
    for mail in found:
        print(json.dumps(mail))
    return 0 if found else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("serve")
    s.add_argument("--listen", required=True)
    s.add_argument("--cert", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--users", required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--name", default="smtp-relay")
    f = commands.add_parser("find")
    f.add_argument("--dir", required=True)
    f.add_argument("--to", required=True)
    f.add_argument("--since", type=float, default=0)
    f.add_argument("--subject", default="")
    f.add_argument("--subject-has", default="")
    f.add_argument("--link", default="")
    f.add_argument("--wait", type=float, default=0)
    args = parser.parse_args()
    if args.command == "serve":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        serve(args)
        return 0
    return find(args)


if __name__ == "__main__":
    sys.exit(main())
