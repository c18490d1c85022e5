#!/usr/bin/python3
"""A local SMTP server that keeps every message it receives as one file: DIR/<time>-<n>.eml.

Beside each .eml (the message as sent, MIME-encoded) it writes <time>-<n>.txt, the same message decoded
for reading: sender, recipient, subject and the plain-text part, links whole.

Used by `make run` (mail under .run/mail/) and by the service's tests (a real SMTP server on a free
loopback port). Debian's python3-aiosmtpd does the SMTP; this only stores. Each file is written under
a temporary name and renamed, so a reader never sees half a message.

    mail-catcher.py --listen 127.0.0.1:1025 --dir .run/mail

The tests also start it as a stricter server, as a production relay is: --tls-cert/--tls-key make it
require STARTTLS before anything else, and --credentials FILE (one line USER:PASSWORD) makes it require
AUTH (PLAIN or LOGIN, offered only after STARTTLS). Every stored message starts with X-Catcher-TLS
(the cipher, or "none"), X-Catcher-Login (who authenticated, or "none") and X-Catcher-Session (the
number of the SMTP connection it came on, counted from 1). --max-mails-per-session N closes a
connection after its Nth message, as relays that limit a session's messages do.
"""
import argparse
import asyncio
import email
import email.policy
import itertools
import os
import signal
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory, max_mails_per_session=None):
        self.directory = directory
        self.counter = itertools.count(1)
        self.sessions = itertools.count(1)
        self.max_mails_per_session = max_mails_per_session

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{next(self.counter):06d}.eml"
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            out.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            cipher = session.ssl.get("cipher") if session.ssl else None
            out.write(f"X-Catcher-TLS: {cipher[0] if cipher else 'none'}\r\n".encode())
            login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else "none"
            out.write(f"X-Catcher-Login: {login}\r\n".encode())
            if not hasattr(session, "catcher_number"):
                session.catcher_number, session.catcher_mails = next(self.sessions), 0
            session.catcher_mails += 1
            out.write(f"X-Catcher-Session: {session.catcher_number}\r\n".encode())
            out.write(envelope.original_content)
        os.replace(temporary, os.path.join(self.directory, name))
        self.write_readable(name, envelope)
        if self.max_mails_per_session and session.catcher_mails >= self.max_mails_per_session:
            # After the reply is written (a transport flushes before it closes): the client finds the
            # connection gone when it sends its next message.
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 Message accepted for delivery"

    def write_readable(self, name, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else "(no plain-text part)"
        readable = (f"From: {message['From']}\nTo: {message['To']}\nSubject: {message['Subject']}\n"
                    f"Date: {message['Date']}\n\n{body}")
        temporary = os.path.join(self.directory, "." + name + ".txt.tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(readable)
        os.replace(temporary, os.path.join(self.directory, name[:-len(".eml")] + ".txt"))


class Credentials:
    """AUTH PLAIN/LOGIN against the one user and password of the file."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            user, password = f.read().strip().split(":", 1)
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default="127.0.0.1:1025", help="HOST:PORT (loopback only)")
    parser.add_argument("--dir", required=True, help="where messages are written, one file each")
    parser.add_argument("--tls-cert", help="PEM certificate: STARTTLS is offered and required")
    parser.add_argument("--tls-key", help="PEM private key of --tls-cert")
    parser.add_argument("--credentials", help="FILE with USER:PASSWORD: AUTH is required")
    parser.add_argument("--max-mails-per-session", type=int, help="close a connection after its Nth message")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    os.makedirs(args.dir, exist_ok=True)
    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.credentials:
        options.update(authenticator=Credentials(args.credentials), auth_required=True)
    controller = Controller(Store(args.dir, args.max_mails_per_session), hostname=host, port=int(port), **options)
    controller.start()
    print(f"mail-catcher: listening on {host}:{port}, writing to {args.dir}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
