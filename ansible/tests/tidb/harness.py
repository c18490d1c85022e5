#!/usr/bin/env python3
"""Control-flow tests of the TiDB restart path, run by tests/run against tests/tidb/fake_cluster.py
(a fake PD/TiKV/TiDB HTTP surface, NOT TiDB) and a real HAProxy, with the real roles and
playbooks run by ansible-playbook on localhost (connection local).

  harness.py setup DIR CA_DIR        ports, certificates (from CA_DIR/ca.crt, ca.key), inventory,
                                     fake topology, haproxy.cfg
  harness.py SCENARIO DIR            run one scenario (see SCENARIOS), print what happened, exit 1 on failure

The fake's clock is scaled to seconds (a stopped store looks "Up" for 6 s; a restarted TiKV answers
on its status port after 1 s and reaches PD 4 s later; peers count as down after 8 s of silence);
the roles poll every second (caddy_tidb_restart_poll_delay: 1). Scenarios after the first skip the
TiDB checklist and the tools' certificate (--skip-tags tidb_os,tidb_tls): the first converge and
scale-out run them.
"""
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
ANSIBLE = HERE.parent.parent


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def cert(d, name, ca, san):
    sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}", "-keyout", f"{d}/{name}.pem",
       "-out", f"{d}/{name}.csr")
    ext = d / f"{name}.ext"
    ext.write_text(f"subjectAltName={san}\nextendedKeyUsage=serverAuth,clientAuth\n")
    sh("openssl", "x509", "-req", "-in", f"{d}/{name}.csr", "-CA", f"{ca}/ca.crt", "-CAkey", f"{ca}/ca.key",
       "-CAcreateserial", "-days", "2", "-extfile", str(ext), "-out", f"{d}/{name}.crt")


def setup(d, test_ca):
    d.mkdir(parents=True, exist_ok=True)
    ca = d / "ca"
    ca.mkdir(exist_ok=True)
    for f in ("ca.crt", "ca.key"):
        (ca / f).write_bytes((test_ca / f).read_bytes())
    # The fake's own server certificate and HAProxy's client certificate, from the same test CA.
    cert(ca, "fake", ca, "IP:127.0.0.1")
    cert(ca, "haproxy", ca, "DNS:haproxy")
    (ca / "haproxy.crt.key").write_text((ca / "haproxy.pem").read_text())
    ports = {"control": free_port(), "haproxy": free_port()}
    hosts, spares = {}, {}
    topo = {"control_port": ports["control"], "stale_seconds": 6, "restart_seconds": 1,
            "report_delay_seconds": 4, "down_peer_seconds": 8, "haproxy_socket": f"{d}/haproxy.sock",
            "tls": {"ca": f"{ca}/ca.crt", "cert": f"{ca}/fake.crt", "key": f"{ca}/fake.pem"},
            "pds": [], "stores": [], "tidbs": []}
    # The cluster: 3 PD, 3 TiKV, 2 TiDB; spares (pd4, pd5, tikv4, tidb3) join when scale-out starts them.
    for i in (1, 2, 3, 4, 5):
        client, peer = free_port(), free_port()
        spare = i > 3
        (spares if spare else hosts)[f"pd{i}"] = {"caddy_tidb_pd_client_port": client, "caddy_tidb_pd_peer_port": peer,
                                                  **({"caddy_tidb_pd_join": True} if spare else {})}
        topo["pds"].append({"name": f"pd-pd{i}", "port": client, "unit": f"pd-{client}.service", "spare": spare})
    pd1 = hosts["pd1"]["caddy_tidb_pd_client_port"]
    for i in (1, 2, 3, 4):
        port, status = free_port(), free_port()
        (spares if i > 3 else hosts)[f"tikv{i}"] = {"caddy_tidb_tikv_port": port, "caddy_tidb_tikv_status_port": status,
                                                    "caddy_tidb_tikv_pd_client_port": pd1}
        topo["stores"].append({"id": i, "name": f"tikv{i}", "address": f"127.0.0.1:{port}", "status_port": status,
                               "unit": f"tikv-{port}.service", "spare": i > 3})
    for i in (1, 2, 3):
        sql, status = free_port(), free_port()
        (spares if i > 2 else hosts)[f"tidb{i}"] = {"caddy_tidb_server_port": sql, "caddy_tidb_server_status_port": status,
                                                    "caddy_tidb_server_pd_client_port": pd1}
        topo["tidbs"].append({"name": f"tidb{i}", "status_port": status, "sql_port": sql, "unit": f"tidb-{sql}.service",
                              "spare": i > 2})
    (d / "topology.json").write_text(json.dumps(topo, indent=1))
    root = d / "hosts"
    common = {
        "ansible_connection": "local", "ansible_host": "127.0.0.1", "ansible_python_interpreter": "/usr/bin/python3",
        "caddy_manage_services": True, "caddy_tidb_os_check_kernel": False, "caddy_tidb_os_user": "root",
        "caddy_tidb_client_tls_dir": f"{root}/{{{{ inventory_hostname }}}}/opt/tidb/tls",
        "caddy_tidb_restart_poll_delay": 1, "caddy_tidb_restart_health_retries": 20,
        "caddy_tidb_restart_evict_retries": 10, "caddy_tidb_restart_leader_return_retries": 20,
        "caddy_tidb_haproxy_socket": f"{d}/haproxy.sock",
        "vault_caddy_tidb_ca_certificate": (ca / "ca.crt").read_text(),
        "vault_caddy_tidb_ca_key": (ca / "ca.key").read_text(),
    }
    toml_check = "/usr/bin/python3 -c \"import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))\" %s"
    for comp, short in (("pd", "pd"), ("tikv", "tikv"), ("server", "tidb")):
        common[f"caddy_tidb_{comp}_user"] = "root"
        common[f"caddy_tidb_{comp}_deploy_dir"] = f"{root}/{{{{ inventory_hostname }}}}/opt/tidb/{short}"
        common[f"caddy_tidb_{comp}_systemd_dir"] = f"{root}/{{{{ inventory_hostname }}}}/etc/systemd/system"
        common[f"caddy_tidb_{comp}_config_validate"] = toml_check
    def inventory(members):
        return {"all": {"vars": common, "children": {
            "pd_servers": {"hosts": {h: v for h, v in members.items() if h.startswith("pd")}},
            "tikv_servers": {"hosts": {h: v for h, v in members.items() if h.startswith("tikv")}},
            "tidb_servers": {"hosts": {h: v for h, v in members.items() if h.startswith("tidb")}},
            "tidb_cluster": {"children": {"pd_servers": {}, "tikv_servers": {}, "tidb_servers": {}}},
            # The TiDB servers' HAProxy: each app node's own (its database path), the default group.
            "app_servers": {"hosts": {"app1": {}}}}}}
    import yaml
    (d / "inventory.yml").write_text(yaml.safe_dump(inventory(hosts), sort_keys=False))
    (d / "inventory-scaled.yml").write_text(yaml.safe_dump(inventory({**hosts, **spares}), sort_keys=False))
    # A real HAProxy balancing the fake TiDB servers, health-checked over TLS with a client
    # certificate as the haproxy role's TiDB backend does it.
    # tidb3 is a spare: DOWN until scale-out starts it.
    servers = "\n".join(
        f"    server {t['name']} 127.0.0.1:{t['sql_port']} check port {t['status_port']} inter 500 rise 1 fall 2 "
        f"check-ssl verify required ca-file {ca}/ca.crt crt {ca}/haproxy.crt"
        for t in topo["tidbs"])
    (d / "haproxy.cfg").write_text(f"""global
    stats socket {d}/haproxy.sock mode 600 level admin
defaults
    mode tcp
    timeout connect 1s
    timeout client 10s
    timeout server 10s
listen tidb
    bind 127.0.0.1:{ports['haproxy']}
    option httpchk GET /status
{servers}
""")
    (d / "control_url").write_text(f"http://127.0.0.1:{ports['control']}")
    print(f"fake control on {ports['control']}, HAProxy TiDB listener on {ports['haproxy']}")


def control(d, path, body=None):
    url = (d / "control_url").read_text() + path
    req = urllib.request.Request(url, method="POST" if body is not None else "GET",
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=10))


def playbook(d, book, *args, inventory="inventory.yml"):
    env = dict(os.environ, PATH=f"{HERE}:{os.environ['PATH']}", FAKE_CLUSTER_URL=(d / "control_url").read_text(),
               ANSIBLE_CONFIG=str(ANSIBLE / "ansible.cfg"))
    # The fake systemctl is called systemctl on PATH.
    link = d / "bin" / "systemctl"
    link.parent.mkdir(exist_ok=True)
    if not link.exists():
        link.symlink_to(HERE / "fake_systemctl")
    env["PATH"] = f"{link.parent}:{env['PATH']}"
    # Under Mitogen's strategy (checks.sh gives it): Mitogen 0.3.3 runs sudo for become even when the
    # login is already root, and make test runs as root where sudo need not exist. Become is off then;
    # it changes nothing here (the default strategy runs these playbooks as root without sudo).
    extra = ["-e", "ansible_become=false"] if env.get("ANSIBLE_STRATEGY") == "mitogen_linear" else []
    started = time.monotonic()
    r = subprocess.run(["ansible-playbook", "-i", str(d / inventory), book, *extra, *args], cwd=ANSIBLE, env=env,
                       capture_output=True, text=True)
    (d / "last.log").write_text(r.stdout + r.stderr)
    print(f"ansible-playbook {book} {' '.join(args)}: exit {r.returncode} in {time.monotonic() - started:.0f} s")
    return r


def events(d, kind=None):
    return [e for e in control(d, "/_fake/events") if kind is None or e["event"] == kind]


def show_tail(d, n=40):
    print("\n".join((d / "last.log").read_text().splitlines()[-n:]))


class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def no_violations(d):
    v = control(d, "/_fake/violations")
    expect(not v, f"the fake saw what must never happen: {v}")


def converge(d, *extra, inventory="inventory.yml", skip="install,bootstrap,tidb_os,tidb_tls"):
    return playbook(d, "tests/tidb/converge.yml", "--skip-tags", skip, *extra, inventory=inventory)


def store_sequences(d):
    """Per store, the order of its evict-add, restart, back and evict-remove events."""
    seq = {}
    for e in events(d):
        name = e.get("store")
        if e["event"] in ("evict-add", "store-restart", "store-back", "store-reported", "evict-remove") and name:
            seq.setdefault(name, []).append((e["t"], e["event"]))
    return seq


def s_first(d):
    """First converge: files rendered, certificates issued, units started; nothing restarted."""
    r = converge(d, skip="install,bootstrap")
    expect(r.returncode == 0, "the first converge failed")
    restarts = [e for e in events(d, "systemctl") if e["action"] == "restart"]
    starts = [e for e in events(d, "systemctl") if e["action"] == "start"]
    print(f"{len(starts)} units started, {len(restarts)} restarted")
    expect(len(starts) == 8, f"expected 8 units started, got {starts}")
    expect(not restarts, "a freshly started unit was restarted again by a handler")
    no_violations(d)


GATED = ["evict-add", "store-restart", "store-back", "store-reported", "evict-remove"]


def expect_gated_in_turn(seq, names):
    """Each store went through every gate (the scheduler removed only after PD heard from the new
    process, not on a stale Up), and no two stores were away at the same time."""
    for name in names:
        order = [k for _, k in seq.get(name, [])]
        print(f"{name}: {' -> '.join(order)}")
        expect(order == GATED, f"{name}: expected {' -> '.join(GATED)}, got {order}")
    spans = sorted((seq[n][0][0], seq[n][-1][0], n) for n in names)
    for (_, a1, an), (b0, _, bn) in zip(spans, spans[1:]):
        expect(a1 <= b0, f"{an} and {bn} overlapped")


def s_tikv_change(d):
    """A tikv.toml change restarts the stores one after the other through the handlers' safe path.
    tikv2's leaders never leave: the run fails closed there (its scheduler removed anyway, tikv2
    not restarted, tikv3 not touched) and the stores keep the mark of the restart they are owed;
    the next run, the fault gone, restarts exactly those."""
    control(d, "/_fake/fault", {"leaders_stuck": "tikv2"})
    r = converge(d, "--limit", "tikv_servers", "-e", "caddy_tidb_tikv_log_level=warn")
    seq = store_sequences(d)
    expect(r.returncode != 0, "the run passed although tikv2's leaders never left")
    expect_gated_in_turn(seq, ["tikv1"])
    print(f"tikv2: {' -> '.join(k for _, k in seq.get('tikv2', []))}")
    expect([k for _, k in seq.get("tikv2", [])] == ["evict-add", "evict-remove"],
           "tikv2: expected its scheduler added and removed again, and no restart")
    expect("tikv3" not in seq, "tikv3 was touched after tikv2 failed")
    state = control(d, "/_fake/state")
    expect(not state["evicted"], f"evict-leader scheduler left on stores {state['evicted']}")
    markers = sorted(p.relative_to(d / "hosts").parts[0] for p in (d / "hosts").glob("tikv*/opt/tidb/tikv/.restart-pending"))
    print(f"restart still owed on: {markers}")
    expect(markers == ["tikv2", "tikv3"], "tikv2 and tikv3 must keep the mark of the restart they are owed")
    control(d, "/_fake/fault", {})
    control(d, "/_fake/reset", {})
    r = converge(d, "--limit", "tikv_servers", "-e", "caddy_tidb_tikv_log_level=warn")
    expect(r.returncode == 0, "the next run failed")
    seq = store_sequences(d)
    expect(sorted(seq) == ["tikv2", "tikv3"], f"the next run must restart exactly tikv2 and tikv3, restarted {sorted(seq)}")
    expect_gated_in_turn(seq, ["tikv2", "tikv3"])
    state = control(d, "/_fake/state")
    expect(not state["evicted"], f"evict-leader scheduler left on stores {state['evicted']}")
    expect(all(s["leaders"] > 0 for s in state["stores"].values()), f"leaders did not come back: {state['stores']}")
    no_violations(d)


def restart_direct(d, store, *extra):
    return playbook(d, "tests/tidb/restart.yml", "--limit", store, "-e", "restart_component=tikv", *extra)


def s_tikv_never_back(d):
    """tikv1 restarts but never answers again: every later gate times out, the run fails, the
    scheduler is removed, nothing else is restarted."""
    control(d, "/_fake/fault", {"never_back": "tikv1"})
    r = restart_direct(d, "tikv1,tikv2", "-e", "caddy_tidb_restart_health_retries=8")
    seq = store_sequences(d)
    print(f"tikv1: {' -> '.join(k for _, k in seq.get('tikv1', []))}")
    expect(r.returncode != 0, "the run passed although tikv1 never came back")
    expect([k for _, k in seq.get("tikv1", [])] == ["evict-add", "store-restart", "evict-remove"],
           "tikv1: expected evict-add -> store-restart -> evict-remove (always)")
    expect("tikv2" not in seq, "tikv2 was touched after tikv1 failed")
    expect(not control(d, "/_fake/state")["evicted"], "scheduler left behind")
    control(d, "/_fake/fault", {})
    wait_until(lambda: control(d, "/_fake/state")["stores"]["tikv1"]["state"] == "Up", 20)
    control(d, "/_fake/reset", {})


def s_restart_fails(d):
    """systemctl restart itself fails: the scheduler is removed, the run fails."""
    unit = json.loads((d / "topology.json").read_text())["stores"][1]["unit"]
    control(d, "/_fake/fault", {"restart_fails": unit})
    r = restart_direct(d, "tikv2")
    seq = store_sequences(d)
    print(f"tikv2: {' -> '.join(k for _, k in seq.get('tikv2', []))}")
    expect(r.returncode != 0, "the run passed although systemctl restart failed")
    expect([k for _, k in seq.get("tikv2", [])] == ["evict-add", "evict-remove"], "expected the scheduler added and removed")
    expect(not control(d, "/_fake/state")["evicted"], "scheduler left behind")
    control(d, "/_fake/fault", {})
    control(d, "/_fake/reset", {})


def s_unhealthy_cluster(d):
    """Regions with down peers before anything starts: nothing is evicted or restarted."""
    control(d, "/_fake/fault", {"down_peers": True})
    r = restart_direct(d, "tikv3", "-e", "caddy_tidb_restart_health_retries=3")
    expect(r.returncode != 0, "the run passed although Regions had down peers")
    expect(not [e for e in events(d) if e["event"] in ("evict-add", "store-restart")], "a store was touched")
    control(d, "/_fake/fault", {})
    control(d, "/_fake/reset", {})


def s_pd_change(d):
    """A pd.toml change restarts the followers one at a time, then the leader after it resigned."""
    leader = control(d, "/_fake/state")["leader"]
    r = converge(d, "--limit", "pd_servers", "-e", "caddy_tidb_pd_log_level=debug")
    expect(r.returncode == 0, "the converge failed")
    order = [e["member"] for e in events(d, "pd-restart")]
    resigns = events(d, "pd-resign")
    print(f"leader before: {leader}; restarts: {order}; resigned: {[(e['member'], e['to']) for e in resigns]}")
    expect(sorted(order) == ["pd-pd1", "pd-pd2", "pd-pd3"], "every member restarted once")
    expect(order[-1] == leader, f"the leader {leader} must restart last")
    expect(resigns and resigns[0]["member"] == leader, "the leader resigned before its restart")
    no_violations(d)


def haproxy_state(d):
    s = socket.socket(socket.AF_UNIX)
    s.connect(str(d / "haproxy.sock"))
    s.sendall(b"show servers state tidb\n")
    out = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        out += chunk
    rows = [l.split() for l in out.decode().splitlines() if l and not l.startswith("#") and len(l.split()) > 6]
    # srv_name, srv_op_state (2 = running), srv_admin_state (0 = ready, 8 = drain)
    return {r[3]: (int(r[5]), int(r[6])) for r in rows}


def wait_until(cond, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if cond():
                return True
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    return False


def s_tidb_change(d):
    """A tidb.toml change restarts each TiDB server after draining it in HAProxy (TLS health
    check); each is UP and ready again before the next."""
    serving = lambda: {k: v for k, v in haproxy_state(d).items() if k in ("tidb1", "tidb2")}
    expect(wait_until(lambda: all(v == (2, 0) for v in serving().values()), 20),
           f"HAProxy does not see both TiDB servers UP before the test: {haproxy_state(d)}")
    r = converge(d, "--limit", "tidb_servers,app1", "-e", "caddy_tidb_server_log_level=debug")
    expect(r.returncode == 0, "the converge failed")
    log = (d / "last.log").read_text()
    order = [e["tidb"] for e in events(d, "tidb-restart")]
    print(f"restarts: {order}; HAProxy now: {serving()}")
    expect(sorted(order) == ["tidb1", "tidb2"], "both TiDB servers restarted once")
    expect(log.count("TASK [tidb_restart : Drain") == 2, "each restart drains its server in HAProxy first")
    expect(all(v == (2, 0) for v in serving().values()), "both servers UP and ready in HAProxy after the run")
    no_violations(d)


def s_rolling_update(d):
    """playbooks/rolling-update.yml takes the same path for TiKV; PD answers the removal of the
    scheduler with 500 twice, and it is retried until gone."""
    control(d, "/_fake/fault", {"delete_scheduler_500": 2})
    r = playbook(d, "playbooks/rolling-update.yml", "--tags", "tikv", "--skip-tags", "tidb_binaries")
    expect(r.returncode == 0, "the rolling update failed")
    expect_gated_in_turn(store_sequences(d), ["tikv1", "tikv2", "tikv3"])
    expect(not control(d, "/_fake/state")["evicted"], "scheduler left behind")
    no_violations(d)
    control(d, "/_fake/fault", {})


def s_scale_in_refused(d):
    """A scale-in that would leave too few PD members, TiKV stores or TiDB servers is refused
    before anything is touched."""
    for leaving, msg in (("tikv3", "2 TiKV stores would remain"), ("tidb2", "1 TiDB server(s) would remain"),
                         ("pd3", "2 PD members would remain")):
        r = playbook(d, "playbooks/scale-in.yml", "-e", f"scale_in_hosts={leaving}", "-e", "scale_in_confirm=SCALE-IN")
        log = " ".join((d / "last.log").read_text().split())
        expect(r.returncode != 0 and msg in log, f"scale-in of {leaving} was not refused with '{msg}'")
    r = playbook(d, "playbooks/scale-in.yml", "-e", "scale_in_hosts=tikv3")
    expect(r.returncode != 0 and "scale_in_confirm=SCALE-IN" in (d / "last.log").read_text(), "no confirmation asked")
    touched = [e for e in events(d) if e["event"] in ("store-delete", "tidb-stopped", "pd-member-deleted", "evict-add",
                                                      "store-restart", "store-stopped", "pd-stopped")]
    expect(not touched, f"something was touched: {touched}")


def s_scale_out(d):
    """pd4, pd5 (caddy_tidb_pd_join), tikv4 and tidb3 added to the inventory, the tier converged as
    scale-out.yml does it: the new PD members join one at a time, the existing stores and TiDB
    servers restart in turn through the safe path (their --pd and --path list the new PDs), the new
    ones start; then PD lists exactly the inventory (playbooks/tidb-check.yml)."""
    r = converge(d, "-e", "caddy_tidb_pd_serial=1", inventory="inventory-scaled.yml", skip="install,bootstrap")
    expect(r.returncode == 0, "the scale-out converge failed")
    joins = [e["member"] for e in events(d, "pd-joined")]
    print(f"PD joined: {joins}")
    expect(joins == ["pd-pd4", "pd-pd5"], f"expected pd4 then pd5 to join, got {joins}")
    seq = store_sequences(d)
    expect_gated_in_turn(seq, ["tikv1", "tikv2", "tikv3"])
    tikv4 = [k for _, k in seq.get("tikv4", [])]
    print(f"tikv4: {' -> '.join(tikv4)}")
    expect(tikv4 == ["store-back", "store-reported"] and [e["store"] for e in events(d, "store-joined")] == ["tikv4"],
           "tikv4 must start (join), never be evicted or restarted")
    restarted = [e["tidb"] for e in events(d, "tidb-restart")]
    print(f"TiDB restarted: {restarted}; started: {[e['tidb'] for e in events(d, 'tidb-started')]}")
    expect(sorted(restarted) == ["tidb1", "tidb2"], "tidb1 and tidb2 restart (their --path changed)")
    r = playbook(d, "playbooks/tidb-check.yml", "-e", "tidb_check_delay=1", inventory="inventory-scaled.yml")
    expect(r.returncode == 0, "PD does not list exactly the scaled inventory")
    no_violations(d)


def s_scale_in(d):
    """tidb3 out of HAProxy first, then stopped; tikv4 deleted, kept running until it is a
    Tombstone, then stopped and the tombstone removed; pd4 and pd5 deleted as members, then stopped."""
    r = playbook(d, "playbooks/scale-in.yml", "-e", "scale_in_hosts=tidb3,tikv4,pd4,pd5", "-e", "scale_in_confirm=SCALE-IN",
                 "-e", "scale_in_poll_delay=1", inventory="inventory-scaled.yml")
    expect(r.returncode == 0, "the scale-in failed")
    order = [(e["event"], e.get("store") or e.get("member") or e.get("tidb") or ",".join(e.get("stores", [])))
             for e in events(d) if e["event"] in ("tidb-stopped", "store-delete", "store-tombstone", "store-stopped",
                                                  "remove-tombstone", "pd-member-deleted", "pd-stopped")]
    print(" -> ".join(f"{k} {v}" for k, v in order))
    expect(order == [("tidb-stopped", "tidb3"), ("store-delete", "tikv4"), ("store-tombstone", "tikv4"),
                     ("store-stopped", "tikv4"), ("remove-tombstone", "tikv4"), ("pd-member-deleted", "pd-pd4"),
                     ("pd-stopped", "pd-pd4"), ("pd-member-deleted", "pd-pd5"), ("pd-stopped", "pd-pd5")],
           "unexpected order")
    expect(haproxy_state(d).get("tidb3", (0, 0))[1] & 1, "tidb3 is not in maintenance in HAProxy")
    state = control(d, "/_fake/state")
    expect(sorted(state["members"]) == ["pd-pd1", "pd-pd2", "pd-pd3"], f"members: {state['members']}")
    expect(sorted(n for n, s in state["stores"].items() if not s["removed"]) == ["tikv1", "tikv2", "tikv3"], "stores")
    no_violations(d)


SCENARIOS = {"first": s_first, "tikv-change": s_tikv_change, "tikv-never-back": s_tikv_never_back,
             "restart-fails": s_restart_fails, "unhealthy-cluster": s_unhealthy_cluster, "pd-change": s_pd_change,
             "tidb-change": s_tidb_change, "rolling-update": s_rolling_update, "scale-in-refused": s_scale_in_refused,
             "scale-out": s_scale_out, "scale-in": s_scale_in}


def main():
    cmd, d = sys.argv[1], pathlib.Path(sys.argv[2])
    if cmd == "setup":
        return setup(d, pathlib.Path(sys.argv[3]))
    control(d, "/_fake/reset", {})
    try:
        SCENARIOS[cmd](d)
    except Failed as e:
        print(f"FAILED: {e}")
        show_tail(d)
        sys.exit(1)


if __name__ == "__main__":
    main()
