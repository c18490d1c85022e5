#!/usr/bin/python3
"""A local SMTP server that keeps every message it receives as one file: DIR/<time>-<n>.eml.

Beside each .eml (the message as sent, MIME-encoded) it writes <time>-<n>.txt, the same message decoded
for reading: sender, recipient, subject and the plain-text part, links whole.

Used by `make run` (mail under .run/mail/) and by the service's tests (a real SMTP server on a free
loopback port). Debian's python3-aiosmtpd does the SMTP; this only stores. Each file is written under
a temporary name and renamed, so a reader never sees half a message.

    mail-catcher.py --listen 127.0.0.1:1025 --dir .run/mail
"""
import argparse
import email
import email.policy
import itertools
import os
import signal
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{next(self.counter):06d}.eml"
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            out.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            out.write(envelope.original_content)
        os.replace(temporary, os.path.join(self.directory, name))
        self.write_readable(name, envelope)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default="127.0.0.1:1025", help="HOST:PORT (loopback only)")
    parser.add_argument("--dir", required=True, help="where messages are written, one file each")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Store(args.dir), hostname=host, port=int(port))
    controller.start()
    print(f"mail-catcher: listening on {host}:{port}, writing to {args.dir}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
