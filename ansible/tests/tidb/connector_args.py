#!/usr/bin/env python3
"""Prints, one per line, the arguments of ConnectorCheck.java for a connection made the way the
service makes it: the JDBC URL and the properties of service/config/production.yml's database
section, with Dropwizard's ${VAR:-default} substituted from a rendered caddy-backend.env plus
KEY=VALUE overrides (the test's database address and user).

  connector_args.py ENV_FILE KEY=VALUE...
"""
import pathlib
import re
import sys

import yaml

REPO = pathlib.Path(__file__).resolve().parents[3]


def main():
    env = dict(re.match(r'^([A-Z_]+)="(.*)"$', l).groups()
               for l in pathlib.Path(sys.argv[1]).read_text().splitlines() if l and not l.startswith("#"))
    env.update(a.split("=", 1) for a in sys.argv[2:])

    def subst(value):
        return re.sub(r"\$\{([A-Z_]+)(?::-([^}]*))?\}", lambda m: env.get(m.group(1), m.group(2) or ""), str(value))

    db = yaml.safe_load((REPO / "service/config/production.yml").read_text())["database"]
    print(subst(db["url"]))
    print(subst(db["user"]))
    print(subst(db["password"]))
    for k, v in db["properties"].items():
        print(f"{k}={subst(v)}")


if __name__ == "__main__":
    main()
