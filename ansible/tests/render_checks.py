#!/usr/bin/env python3
"""Checks on the files the render test wrote (tests/run calls one subcommand per check).

Usage: render_checks.py CHECK RENDER_ROOT
  toml    pd.toml, tikv.toml, tidb.toml parse (tomllib), set log retention, use only keys the pinned
          version (v7.5.4) documents and none it deprecates, and their [security] files verify
          against the cluster CA with the host's address in the certificate
  flags   PD --initial-cluster, TiKV --pd, TiDB --path/--store/-P/--status on the run scripts
  app     environment file (mode 0600, every variable), hardened unit running the release behind
          /opt/caddy-backend/current (jar, config.yml, jvm.options; none of them left in /etc)
"""
import os
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


# The hosts tests/run rendered (CADDY_RENDERED_HOSTS; every inventory host when unset): the files
# read are theirs, what a file must list (every PD, every TiDB server...) is the whole inventory's.
RENDERED = (set(os.environ.get("CADDY_RENDERED_HOSTS", "").split())
            or {h for g in INVENTORY.values() for h in (g.get("hosts") or {})})


def rendered(group):
    return {h: a for h, a in hosts(group).items() if h in RENDERED}


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


# Every key the templates may write, per file, as the pinned version documents it: PD's
# conf/config.toml and TiKV's etc/config-template.toml at tag v7.5.4, TiDB's configuration file
# reference (docs.pingcap.com/tidb/v7.5/tidb-configuration-file) and config.toml.example.
DOCUMENTED_KEYS = {
    "pd.toml": {"log.level", "log.file.filename", "log.file.max-size", "log.file.max-days", "log.file.max-backups",
                "replication.max-replicas", "replication.location-labels", "schedule.leader-schedule-limit",
                "schedule.region-schedule-limit", "security.cacert-path", "security.cert-path", "security.key-path"},
    "tikv.toml": {"log.level", "log.file.filename", "log.file.max-size", "log.file.max-days", "log.file.max-backups",
                  "server.labels", "storage.reserve-space", "storage.block-cache.capacity", "security.ca-path",
                  "security.cert-path", "security.key-path"},
    "tidb.toml": {"new_collations_enabled_on_first_bootstrap", "graceful-wait-before-shutdown", "log.level",
                  "log.slow-query-file", "log.file.filename", "log.file.max-size", "log.file.max-days",
                  "log.file.max-backups", "instance.tidb_slow_log_threshold", "status.report-status",
                  "security.cluster-ssl-ca", "security.cluster-ssl-cert", "security.cluster-ssl-key", "security.ssl-ca",
                  "security.ssl-cert", "security.ssl-key", "security.tls-version"},
}
# Keys the pinned version ignores or deprecates, with what replaces them.
DEPRECATED_KEYS = {
    "mem-quota-query": "the global variable tidb_mem_quota_query (no effect since bootstrap v90)",
    "log.slow-threshold": "[instance] tidb_slow_log_threshold (since v6.1)",
    "performance.server-memory-quota": "the global variable tidb_server_memory_limit (since v6.5)",
    "log-level": "[log] level (since v5.4)",
    "oom-action": "the global variable tidb_mem_oom_action",
}
# The [security] keys naming the CA, certificate and key, per file.
SECURITY_FILES = {"pd.toml": ("cacert-path", "cert-path", "key-path"), "tikv.toml": ("ca-path", "cert-path", "key-path"),
                  "tidb.toml": ("cluster-ssl-ca", "cluster-ssl-cert", "cluster-ssl-key")}


def keys_of(data, prefix=""):
    for k, v in data.items():
        if isinstance(v, dict) and k != "labels":
            yield from keys_of(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}"


def check_tls(p, data, host_addr):
    """The [security] files exist, the certificate verifies against the CA and names the host."""
    import subprocess
    from cryptography import x509
    ca, crt, key = (data["security"][k] for k in SECURITY_FILES[p.name])
    errors = []
    for f in (ca, crt, key):
        if not pathlib.Path(f).is_file():
            errors.append(f"{p}: [security] names {f}, which does not exist")
    if errors:
        return errors
    r = subprocess.run(["openssl", "verify", "-CAfile", ca, crt], capture_output=True, text=True)
    if r.returncode != 0:
        errors.append(f"{p}: {crt} does not verify against {ca}: {r.stdout}{r.stderr}")
    cert = x509.load_pem_x509_certificate(pathlib.Path(crt).read_bytes())
    ips = [str(i) for i in cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.IPAddress)]
    if host_addr not in ips:
        errors.append(f"{p}: {crt} names {ips}, not the host's address {host_addr}")
    r = subprocess.run(["openssl", "rsa", "-in", key, "-check", "-noout"], capture_output=True, text=True)
    if r.returncode != 0:
        errors.append(f"{p}: {key} is not a usable private key")
    return errors


def check_toml(root):
    errors = []
    found = 0
    addresses = {**hosts("pd_servers"), **hosts("tikv_servers"), **hosts("tidb_servers")}
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
            keys = set(keys_of(data))
            for k in sorted(keys - DOCUMENTED_KEYS[name]):
                errors.append(f"{p}: {k} is not a documented {name} key of v7.5.4"
                              + (f"; use {DEPRECATED_KEYS[k]}" if k in DEPRECATED_KEYS else ""))
            if "security" not in data:
                errors.append(f"{p}: no [security] section: the tier talks plaintext")
            else:
                host = p.relative_to(root).parts[0]
                errors += check_tls(p, data, addresses[host])
    expected = len(rendered("pd_servers")) + len(rendered("tikv_servers")) + len(rendered("tidb_servers"))
    if found != expected:
        errors.append(f"found {found} TOML files, expected {expected}")
    print(f"{found} TOML files parsed; keys checked against v7.5.4; certificates verified")
    return errors


def check_flags(root):
    errors = []
    pds = hosts("pd_servers")
    peers = {f"pd-{h}=https://{a}:2380" for h, a in pds.items()}
    clients = {f"{a}:2379" for a in pds.values()}
    for h, addr in rendered("pd_servers").items():
        f = flags(root / h / "opt/tidb/pd-2379/scripts/run_pd.sh")
        got = set(f.get("--initial-cluster", "").split(","))
        if got != peers:
            errors.append(f"{h}: --initial-cluster {sorted(got)} != {sorted(peers)}")
        if "--join" in f:
            errors.append(f"{h}: a bootstrapping PD must not use --join")
        if f.get("--name") != f"pd-{h}" or f.get("--advertise-peer-urls") != f"https://{addr}:2380":
            errors.append(f"{h}: wrong --name or --advertise-peer-urls: {f}")
        if f.get("--client-urls") != f"https://{addr}:2379":
            errors.append(f"{h}: wrong --client-urls {f.get('--client-urls')}")
    for h, addr in rendered("tikv_servers").items():
        f = flags(root / h / "opt/tidb/tikv-20160/scripts/run_tikv.sh")
        if set(f.get("--pd", "").split(",")) != clients:
            errors.append(f"{h}: --pd {f.get('--pd')} does not list every PD client URL {sorted(clients)}")
        if f.get("--advertise-addr") != f"{addr}:20160" or f.get("--status-addr") != f"{addr}:20180":
            errors.append(f"{h}: wrong --advertise-addr/--status-addr: {f}")
    for h, addr in rendered("tidb_servers").items():
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
    print(f"{len(rendered('pd_servers'))} PD, {len(rendered('tikv_servers'))} TiKV, {len(rendered('tidb_servers'))} TiDB run scripts checked")
    return errors


REQUIRED_ENV = """APP_ENV HOST PORT ADMIN_HOST ADMIN_PORT LOG_DIR LOG_FORMAT DB_HOST DB_PORT DB_USERNAME
DB_PASSWORD DB_DATABASE DB_POOL_SIZE DB_CONNECTION_TIMEOUT DB_ACQUIRE_TIMEOUT REDIS_HOST REDIS_PORT
REDIS_PASSWORD REDIS_POOL_SIZE REDIS_SENTINELS REDIS_MASTER_NAME JWT_SECRET JWT_EXPIRES_IN THROTTLER_LIMIT
THROTTLER_TTL TRUSTED_PROXIES SMTP_HOST SMTP_PORT SMTP_USER SMTP_PASS UPLOAD_MAX_SIZE REDIS_USERNAME
SMTP_FROM SMTP_TRANSPORT SHOP_BASE_URL REDIS_SENTINEL_PASSWORD ADMIN_ALLOWED_NETWORKS DB_SSL_MODE DB_SSL_TRUSTSTORE_URL
DB_SSL_TRUSTSTORE_PASSWORD PAYMENTS_WEBHOOK_SECRET""".split()


def check_app(root):
    errors = []
    production = (REPO / "service/config/production.yml").read_bytes()
    lbs = hosts("lb_servers")
    for h, addr in rendered("app_servers").items():
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
                  "UPLOAD_MAX_SIZE": "10mb", "TRUSTED_PROXIES": ",".join(lbs.values()), "DB_SSL_MODE": "VERIFY_CA",
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
        for secret in ("JWT_SECRET", "PAYMENTS_WEBHOOK_SECRET"):
            if len(env.get(secret, "").encode()) < 32:
                errors.append(f"{h}: {secret} shorter than 32 bytes")
        # Only while a secret is rotated out (make e2e's secrets rotation checks it present then):
        # an empty JWT_SECRET_PREVIOUS would be refused by the service in production.
        if "JWT_SECRET_PREVIOUS" in env:
            errors.append(f"{h}: JWT_SECRET_PREVIOUS written while no previous secret is set")
        # render-vars.yml sets a previous webhook secret on the last app node only.
        rotating = h == list(hosts("app_servers"))[-1]
        previous = env.get("PAYMENTS_WEBHOOK_SECRET_PREVIOUS")
        if rotating and (previous is None or len(previous.encode()) < 32
                         or previous == env.get("PAYMENTS_WEBHOOK_SECRET")):
            errors.append(f"{h}: PAYMENTS_WEBHOOK_SECRET_PREVIOUS missing or wrong while a rotation is set")
        if not rotating and previous is not None:
            errors.append(f"{h}: PAYMENTS_WEBHOOK_SECRET_PREVIOUS written while no previous secret is set")
        # config.yml and jvm.options belong to the release (the install phase; tests/run's release
        # checks compare them with service/config): none is left in the per-host configuration.
        for stale in ("config.yml", "jvm.options"):
            if (root / h / "etc/caddy-backend" / stale).exists():
                errors.append(f"{h}: {stale} written to /etc/caddy-backend; it belongs to the release")
        unit = (root / h / "etc/systemd/system/caddy-backend.service").read_text()
        exec_start = [l for l in unit.splitlines() if l.startswith("ExecStart=")]
        current = "/opt/caddy-backend/current"
        # The unit runs one release through the current link: its jar, its config.yml and its JVM options.
        if len(exec_start) != 1 or not re.fullmatch(
                rf"ExecStart=/usr/bin/java @{current}/jvm\.options .* -jar {current}/caddy-backend\.jar server {current}/config\.yml",
                exec_start[0]):
            errors.append(f"{h}: ExecStart does not run the jar, config.yml and jvm.options of {current}: {exec_start}")
        for d in ("NoNewPrivileges=yes", "ProtectSystem=strict", "Restart=on-failure",
                  "EnvironmentFile=", "ReadWritePaths=", " -Xmx512m ", "caddy-backend.jar server ",
                  # heap dumps are the one core-dump-like file the hardening keeps (issue 18), in a 0700 directory
                  "-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/var/lib/caddy-backend/heapdumps -jar "):
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
    print(f"{len(rendered('app_servers'))} app nodes checked")
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
    for h in rendered("app_servers"):
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
    for h in rendered("lb_servers"):
        if "listen tidb" in (root / h / "etc/haproxy/haproxy.cfg").read_text():
            errors.append(f"{h}: a load balancer still carries a TiDB listener")
    plays = [p["name"] for p in yaml.safe_load((ANSIBLE / "site.yml").read_text()) if "hosts" in p]
    path = next((i for i, n in enumerate(plays) if n.startswith("Database path")), None)
    app = next((i for i, n in enumerate(plays) if n.startswith("Application nodes")), None)
    if path is None or app is None or path > app:
        errors.append(f"site.yml: the database path play must come before the app play: {plays}")
    print(f"{len(rendered('app_servers'))} app nodes, {len(tidbs)} TiDB servers checked")
    return errors


if __name__ == "__main__":
    check = {"toml": check_toml, "flags": check_flags, "app": check_app, "dbpath": check_db_path}[sys.argv[1]]
    errs = check(pathlib.Path(sys.argv[2]))
    for e in errs:
        print("  " + e)
    sys.exit(1 if errs else 0)
