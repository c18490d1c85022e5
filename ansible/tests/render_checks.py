#!/usr/bin/env python3
"""Checks on the files the render test wrote (tests/run calls one subcommand per check).

Usage: render_checks.py CHECK RENDER_ROOT
  toml    pd.toml, tikv.toml, tidb.toml parse (tomllib) and set log retention
  flags   PD --initial-cluster, TiKV --pd, TiDB --path/--store/-P/--status on the run scripts
  app     environment file (mode 0600, every variable), config.yml = service/config/production.yml,
          hardened unit
"""
import pathlib
import re
import shlex
import sys
import tomllib

import yaml

ANSIBLE = pathlib.Path(__file__).resolve().parent.parent
REPO = ANSIBLE.parent
INVENTORY = yaml.safe_load((ANSIBLE / "inventories/production/hosts.yml").read_text())["all"]["children"]


def hosts(group):
    return {h: v["ansible_host"] for h, v in INVENTORY[group]["hosts"].items()}


def flags(script):
    """Flags of the exec line of a run script, as a dict."""
    text = script.read_text().replace("\\\n", " ")
    line = next(l for l in text.splitlines() if l.startswith("exec "))
    out = {}
    words = shlex.split(line)
    for i, w in enumerate(words):
        if w.startswith("-"):
            if "=" in w:
                k, v = w.split("=", 1)
                out[k] = v
            elif i + 1 < len(words) and not words[i + 1].startswith("-"):
                out[w] = words[i + 1]
            else:
                out[w] = ""
    return out


def check_toml(root):
    errors = []
    found = 0
    for name in ("pd.toml", "tikv.toml", "tidb.toml"):
        for p in sorted(root.glob(f"*/opt/tidb/*/conf/{name}")):
            found += 1
            try:
                data = tomllib.loads(p.read_text())
            except tomllib.TOMLDecodeError as e:
                errors.append(f"{p}: {e}")
                continue
            logfile = data.get("log", {}).get("file", {})
            if not logfile.get("max-days") or not logfile.get("max-backups"):
                errors.append(f"{p}: no log retention (log.file.max-days / max-backups)")
    expected = len(hosts("pd_servers")) + len(hosts("tikv_servers")) + len(hosts("tidb_servers"))
    if found != expected:
        errors.append(f"found {found} TOML files, expected {expected}")
    print(f"{found} TOML files parsed")
    return errors


def check_flags(root):
    errors = []
    pds = hosts("pd_servers")
    peers = {f"pd-{h}=http://{a}:2380" for h, a in pds.items()}
    clients = {f"{a}:2379" for a in pds.values()}
    for h, addr in pds.items():
        f = flags(root / h / "opt/tidb/pd-2379/scripts/run_pd.sh")
        got = set(f.get("--initial-cluster", "").split(","))
        if got != peers:
            errors.append(f"{h}: --initial-cluster {sorted(got)} != {sorted(peers)}")
        if "--join" in f:
            errors.append(f"{h}: a bootstrapping PD must not use --join")
        if f.get("--name") != f"pd-{h}" or f.get("--advertise-peer-urls") != f"http://{addr}:2380":
            errors.append(f"{h}: wrong --name or --advertise-peer-urls: {f}")
        if f.get("--client-urls") != f"http://{addr}:2379":
            errors.append(f"{h}: wrong --client-urls {f.get('--client-urls')}")
    for h, addr in hosts("tikv_servers").items():
        f = flags(root / h / "opt/tidb/tikv-20160/scripts/run_tikv.sh")
        if set(f.get("--pd", "").split(",")) != clients:
            errors.append(f"{h}: --pd {f.get('--pd')} does not list every PD client URL {sorted(clients)}")
        if f.get("--advertise-addr") != f"{addr}:20160" or f.get("--status-addr") != f"{addr}:20180":
            errors.append(f"{h}: wrong --advertise-addr/--status-addr: {f}")
    for h, addr in hosts("tidb_servers").items():
        f = flags(root / h / "opt/tidb/tidb-4000/scripts/run_tidb.sh")
        if set(f.get("--path", "").split(",")) != clients:
            errors.append(f"{h}: --path {f.get('--path')} does not list every PD client URL {sorted(clients)}")
        if f.get("--store") != "tikv" or f.get("-P") != "4000" or f.get("--status") != "10080":
            errors.append(f"{h}: wrong --store/-P/--status: {f}")
    for unit in root.glob("*/etc/systemd/system/*.service"):
        m = re.match(r"(pd|tikv|tidb)-(\d+)\.service$", unit.name)
        if m:
            text = unit.read_text()
            for d in ("Restart=on-failure", "NoNewPrivileges=yes", "ProtectSystem=strict", "LimitNOFILE=1000000"):
                if d not in text:
                    errors.append(f"{unit}: missing {d}")
    print(f"{len(pds)} PD, {len(hosts('tikv_servers'))} TiKV, {len(hosts('tidb_servers'))} TiDB run scripts checked")
    return errors


REQUIRED_ENV = """APP_ENV HOST PORT ADMIN_HOST ADMIN_PORT LOG_DIR LOG_FORMAT DB_HOST DB_PORT DB_USERNAME
DB_PASSWORD DB_DATABASE DB_POOL_SIZE DB_CONNECTION_TIMEOUT DB_ACQUIRE_TIMEOUT REDIS_HOST REDIS_PORT
REDIS_PASSWORD REDIS_POOL_SIZE REDIS_SENTINELS REDIS_MASTER_NAME JWT_SECRET JWT_EXPIRES_IN THROTTLER_LIMIT
THROTTLER_TTL TRUSTED_PROXIES SMTP_HOST SMTP_PORT SMTP_USER SMTP_PASS UPLOAD_MAX_SIZE REDIS_USERNAME
SMTP_FROM SMTP_TRANSPORT SHOP_BASE_URL REDIS_SENTINEL_PASSWORD ADMIN_ALLOWED_NETWORKS""".split()


def check_app(root):
    errors = []
    production = (REPO / "service/config/production.yml").read_bytes()
    lbs = hosts("lb_servers")
    for h, addr in hosts("app_servers").items():
        env_file = root / h / "etc/caddy-backend/caddy-backend.env"
        if env_file.stat().st_mode & 0o777 != 0o600:
            errors.append(f"{env_file}: mode {oct(env_file.stat().st_mode & 0o777)}, expected 0600")
        env = dict(re.match(r'^([A-Z_]+)="(.*)"$', l).groups()
                   for l in env_file.read_text().splitlines() if l and not l.startswith("#"))
        missing = [k for k in REQUIRED_ENV if k not in env]
        if missing:
            errors.append(f"{h}: environment file lacks {missing}")
        monitoring = list(hosts("monitoring_servers").values())
        expect = {"APP_ENV": "production", "PORT": "3000", "ADMIN_PORT": "8081", "HOST": addr,
                  "REDIS_MASTER_NAME": "caddy-master", "DB_PORT": "4000", "DB_DATABASE": "caddy_shopping",
                  "UPLOAD_MAX_SIZE": "10mb", "TRUSTED_PROXIES": ",".join(lbs.values()),
                  # The database path is the node's own HAProxy, never a load balancer.
                  "DB_HOST": "127.0.0.1",
                  "REDIS_USERNAME": "caddy-app",
                  # The admin port answers the node itself and the monitoring hosts only.
                  "ADMIN_ALLOWED_NETWORKS": ",".join(["127.0.0.0/8", "::1", addr] + monitoring)}
        for k, v in expect.items():
            if env.get(k) != v:
                errors.append(f"{h}: {k}={env.get(k)!r}, expected {v!r}")
        sentinels = env.get("REDIS_SENTINELS", "").split(",")
        if sorted(sentinels) != sorted(f"{a}:26379" for a in hosts("redis_servers").values()):
            errors.append(f"{h}: REDIS_SENTINELS={sentinels}")
        if len(env.get("JWT_SECRET", "").encode()) < 32:
            errors.append(f"{h}: JWT_SECRET shorter than 32 bytes")
        # Only while a secret is rotated out (make e2e's secrets rotation checks it present then):
        # an empty JWT_SECRET_PREVIOUS would be refused by the service in production.
        if "JWT_SECRET_PREVIOUS" in env:
            errors.append(f"{h}: JWT_SECRET_PREVIOUS written while no previous secret is set")
        if (root / h / "etc/caddy-backend/config.yml").read_bytes() != production:
            errors.append(f"{h}: config.yml differs from service/config/production.yml")
        unit = (root / h / "etc/systemd/system/caddy-backend.service").read_text()
        for d in ("NoNewPrivileges=yes", "ProtectSystem=strict", "Restart=on-failure",
                  "EnvironmentFile=", "ReadWritePaths=", " -Xmx512m -jar ", "caddy-backend.jar server "):
            if d not in unit:
                errors.append(f"{h}: caddy-backend.service lacks {d!r}")
        errors += check_drain(root, h, unit, lbs, production)
        rw = next(l for l in unit.splitlines() if l.startswith("ReadWritePaths="))
        if env.get("LOG_DIR") not in rw:
            errors.append(f"{h}: ReadWritePaths does not cover LOG_DIR: {rw}")
        logrotate = (root / h / "etc/logrotate.d/caddy-backend").read_text()
        for d in ("daily", "rotate 30", "compress", "delaycompress", "missingok", "notifempty", "copytruncate"):
            if not re.search(rf"^\s+{d}\s*$", logrotate, re.M):
                errors.append(f"{h}: logrotate policy lacks {d}")
    print(f"{len(hosts('app_servers'))} app nodes checked")
    return errors


def seconds(value):
    """A duration as systemd or Dropwizard writes it (20s, 500ms, 2 minutes), in seconds."""
    m = re.fullmatch(r"(\d+)\s*([a-z]*)", str(value).strip())
    factor = {"": 1, "s": 1, "second": 1, "seconds": 1, "ms": 0.001, "millisecond": 0.001,
              "milliseconds": 0.001, "m": 60, "min": 60, "minute": 60, "minutes": 60}
    if not m or m.group(2) not in factor:
        raise ValueError(f"cannot read a duration from {value!r}")
    return int(m.group(1)) * factor[m.group(2)]


def check_drain(root, h, unit, lbs, production):
    """The unit drains before SIGTERM (ExecStop= runs the drain script, which asks every load
    balancer's HAProxy exporter) and TimeoutStopSec covers both the script and the shutdown grace."""
    errors = []
    lines = unit.splitlines()
    stop = [l for l in lines if l.startswith("ExecStop=")]
    script = root / h / "opt/caddy-backend/caddy-backend-drain"
    if stop != [f"ExecStop=-{script}"]:
        errors.append(f"{h}: ExecStop= lines {stop}, expected one running {script} (failure ignored)")
    text = script.read_text() if script.exists() else ""
    if script.exists() and not script.stat().st_mode & 0o111:
        errors.append(f"{h}: {script} is not executable")
    for lb in lbs.values():
        if f"http://{lb}:8405/metrics?scope=server" not in text:
            errors.append(f"{h}: the drain script does not ask the HAProxy exporter of {lb}")
    for want in ('-X POST "$admin/tasks/drain"', 'server="' + h + '",state="UP"} 1', "/tasks/drain?wait=20"):
        if want not in text:
            errors.append(f"{h}: the drain script lacks {want!r}")
    timeout = next((l.split("=", 1)[1] for l in lines if l.startswith("TimeoutStopSec=")), "0s")
    grace = yaml.safe_load(production)["server"]["shutdownGracePeriod"]
    # The script: drain (5 s) + load balancers (30 s + 2 s each) + in flight (20 s + 5 s).
    script_max = 5 + 30 + 2 * len(lbs) + 25
    if seconds(timeout) < script_max + 10 or seconds(timeout) < seconds(grace) + 10:
        errors.append(f"{h}: TimeoutStopSec={timeout} does not cover the drain script ({script_max} s) "
                      f"or the shutdown grace period ({grace}) with 10 s to spare")
    return errors


def check_db_path(root):
    """Every app node reaches TiDB through its own HAProxy (127.0.0.1:4000, every TiDB server,
    health from TiDB's status port), set up by a play that runs before the app play; no load
    balancer carries a database connection."""
    errors = []
    tidbs = hosts("tidb_servers")
    for h in hosts("app_servers"):
        cfg = (root / h / "etc/haproxy/haproxy.cfg").read_text()
        listen = re.search(r"^listen tidb\n(.*?)(?=^\S|\Z)", cfg, re.M | re.S)
        if not listen:
            errors.append(f"{h}: no 'listen tidb' in its haproxy.cfg")
            continue
        body = listen.group(1)
        if "    bind 127.0.0.1:4000\n" not in body:
            errors.append(f"{h}: the TiDB listener does not bind 127.0.0.1:4000")
        servers = dict(re.findall(r"^\s+server (\S+) (\S+) check port 10080 ", body, re.M))
        if servers != {t: f"{a}:4000" for t, a in tidbs.items()}:
            errors.append(f"{h}: TiDB servers {servers} != every tidb_servers host on 4000 checked on 10080")
        if "option httpchk GET /status" not in body:
            errors.append(f"{h}: no health check on TiDB's /status")
        if "backend caddy_app" in cfg:
            errors.append(f"{h}: an app node balances the app nodes")
    for h in hosts("lb_servers"):
        if "listen tidb" in (root / h / "etc/haproxy/haproxy.cfg").read_text():
            errors.append(f"{h}: a load balancer still carries a TiDB listener")
    plays = [p["name"] for p in yaml.safe_load((ANSIBLE / "site.yml").read_text()) if "hosts" in p]
    path = next((i for i, n in enumerate(plays) if n.startswith("Database path")), None)
    app = next((i for i, n in enumerate(plays) if n.startswith("Application nodes")), None)
    if path is None or app is None or path > app:
        errors.append(f"site.yml: the database path play must come before the app play: {plays}")
    print(f"{len(hosts('app_servers'))} app nodes, {len(tidbs)} TiDB servers checked")
    return errors


if __name__ == "__main__":
    check = {"toml": check_toml, "flags": check_flags, "app": check_app, "dbpath": check_db_path}[sys.argv[1]]
    errs = check(pathlib.Path(sys.argv[2]))
    for e in errs:
        print("  " + e)
    sys.exit(1 if errs else 0)
