#!/usr/bin/env python3
"""A fake TiDB cluster's HTTP surfaces, for testing the playbooks' control flow only.

NOT a TiDB: no binary of PD, TiKV or TiDB can be had on the build machines. This process serves
the JSON shapes of PD v7.5's HTTP API that the playbooks read (stores with state_name, start_ts,
last_heartbeat_ts and leader_count; regions/check/{down,pending,miss}-peer; schedulers and the
evict-leader scheduler's config; members, leader, health; store delete -> Offline -> Tombstone;
remove-tombstone; member delete), TiKV's and TiDB's status ports, and TiDB's SQL port as a bare TCP
listener for HAProxy. Behaviour over time is modelled after PD (a stopped store stays "Up" until its
heartbeat is `stale_seconds` old, then "Disconnected"; a restarted TiKV answers on its status port
before its first heartbeat reaches PD; leaders leave an evicted store and come
back once it is no longer evicted; Regions have down and pending peers while a store is away and
just after it returns), scaled down to seconds.

Processes are "restarted" by a fake systemctl (fake_systemctl) that calls POST /_fake/systemctl.
Faults are switched on with POST /_fake/fault. GET /_fake/events returns what happened, in order,
and GET /_fake/violations what a careful operator must never do (a store restarted while another
is away, a scheduler removed before the restarted store reported, two PD members down at once...).

Usage: fake_cluster.py TOPOLOGY.json   (ports, names; see tests/tidb/run). Optional TLS: the
topology's "tls" {ca, cert, key} makes every port HTTPS and requires a client certificate.
"""
import json
import socket
import socketserver
import ssl
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.RLock()
EVENTS = []
VIOLATIONS = []
FAULTS = {}


def now():
    return time.monotonic()


def go_time(wall):
    """A timestamp as Go's encoding/json writes time.Time (RFC 3339, nanoseconds, zone offset)."""
    dt = datetime.fromtimestamp(wall, timezone.utc).astimezone()
    nanos = f"{int((wall % 1) * 1e9):09d}".rstrip("0")
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + (f".{nanos}" if nanos else "") + dt.strftime("%z")[:3] + ":" + dt.strftime("%z")[3:]


def event(kind, **data):
    with LOCK:
        EVENTS.append({"t": round(now() - START, 3), "event": kind, **data})


def violation(msg):
    with LOCK:
        VIOLATIONS.append({"t": round(now() - START, 3), "violation": msg})


class Store:
    def __init__(self, spec):
        self.id = spec["id"]
        self.name = spec["name"]
        self.address = spec["address"]
        self.unit = spec["unit"]
        self.status_port = spec["status_port"]
        self.leaders_normal = spec.get("leaders", 30)
        self.leaders = self.leaders_normal
        self.regions = spec.get("regions", 90)
        self.running = True
        self.back_at = None          # when a restarted process is up again (status port answers)
        self.reports_at = None       # when it first heartbeats to PD (TiKV's status port comes up earlier)
        self.start_wall = time.time() - 3600
        self.heartbeat_wall = time.time()
        self.heartbeat_mono = now()
        self.state = "Up"            # Up, Offline, Tombstone (metapb); name may show Disconnected
        self.pending_until = 0
        self.removed = bool(spec.get("spare"))   # a spare registers when its unit first starts

    def state_name(self, stale):
        if self.state == "Up" and now() - self.heartbeat_mono > stale:
            return "Disconnected"
        return self.state

    def json(self, stale):
        return {"store": {"id": self.id, "address": self.address, "state": 0, "version": "7.5.4",
                          "status_address": f"127.0.0.1:{self.status_port}", "labels": [{"key": "host", "value": self.name}],
                          "state_name": self.state_name(stale)},
                "status": {"capacity": "100GiB", "available": "80GiB", "leader_count": self.leaders,
                           "region_count": self.regions, "start_ts": go_time(self.start_wall),
                           "last_heartbeat_ts": go_time(self.heartbeat_wall), "uptime": "1h0m0s"}}


class Process:
    """A PD member or a TiDB server: a unit that is up (a spare is not, until its unit starts)."""
    def __init__(self, spec):
        self.name = spec["name"]
        self.unit = spec["unit"]
        self.up = not spec.get("spare")
        self.back_at = None          # when a restarted process is up again


class Member(Process):
    def __init__(self, spec):
        super().__init__(spec)
        self.port = spec["port"]
        self.member = not spec.get("spare")   # a spare joins when its unit first starts


class TiDB(Process):
    def __init__(self, spec):
        super().__init__(spec)
        self.status_port = spec["status_port"]
        self.sql_port = spec["sql_port"]


class Cluster:
    def __init__(self, topo):
        self.stale = topo.get("stale_seconds", 3)
        self.restart_seconds = topo.get("restart_seconds", 2)
        self.report_delay = topo.get("report_delay_seconds", 4)
        self.down_peer_seconds = topo.get("down_peer_seconds", 10)
        self.stores = {s["id"]: Store(s) for s in topo.get("stores", [])}
        self.all_members = [Member(m) for m in topo.get("pds", [])]
        self.haproxy_socket = topo.get("haproxy_socket")
        self.leader = self.members[0].name if self.members else ""
        self.tidbs = [TiDB(t) for t in topo.get("tidbs", [])]
        self.evicted = set()
        self.systemctl = {}  # unit -> ActiveState
        self.serving = {d.name for d in self.tidbs if d.up}

    @property
    def members(self):
        return [m for m in self.all_members if m.member]

    # -- the passage of time -----------------------------------------------------------
    def tick(self):
        with LOCK:
            t = now()
            for s in self.stores.values():
                if s.removed:
                    continue
                if s.back_at is not None and t >= s.back_at:
                    if FAULTS.get("never_back") == s.name:
                        pass
                    else:
                        s.back_at = None
                        s.running = True
                        s.reports_at = t + CLUSTER.report_delay
                        event("store-back", store=s.name)
                if s.running and s.reports_at is not None and t >= s.reports_at:
                    s.reports_at = None
                    s.start_wall = time.time()
                    s.pending_until = t + 1.0
                    event("store-reported", store=s.name)
                if s.running and s.reports_at is None and s.state != "Tombstone":
                    s.heartbeat_wall = time.time()
                    s.heartbeat_mono = t
                # Leaders: leave an evicted or stopped store, come back otherwise.
                if s.id in self.evicted or not s.running:
                    if FAULTS.get("leaders_stuck") != s.name:
                        s.leaders = max(0, s.leaders - 10)
                elif s.state == "Up" and s.leaders < s.leaders_normal and not any(self.region_trouble().values()):
                    s.leaders = min(s.leaders_normal, s.leaders + 10)
                # A store being deleted hands its Regions over, then becomes a Tombstone.
                if s.state == "Offline":
                    s.leaders = 0
                    s.regions = max(0, s.regions - 30)
                    if s.regions == 0 and FAULTS.get("offline_stuck") != s.name:
                        s.state = "Tombstone"
                        event("store-tombstone", store=s.name)
            for m in self.members:
                if m.back_at is not None and t >= m.back_at:
                    m.back_at = None
                    m.up = True
                    event("pd-back", member=m.name)
            if self.leader and not any(m.up and m.name == self.leader for m in self.members):
                up = [m.name for m in self.members if m.up]
                self.leader = up[0] if up else ""
                if self.leader:
                    event("pd-leader", member=self.leader)
            for d in self.tidbs:
                if d.back_at is not None and t >= d.back_at:
                    d.back_at = None
                    d.up = True
                    self.serving.add(d.name)
                    event("tidb-back", tidb=d.name)

    def region_trouble(self):
        t = now()
        # Region leaders report a peer down only after it has been silent for a while (PD's
        # max-peer-down-duration); a quick restart shows pending peers (catching up) instead.
        down = [s for s in self.stores.values() if s.state == "Up" and not s.removed
                and now() - s.heartbeat_mono > self.down_peer_seconds]
        pending = [s for s in self.stores.values() if s.pending_until > t]
        return {"down-peer": len(down) * 30, "pending-peer": len(pending) * 10,
                "miss-peer": 30 if FAULTS.get("miss_peers") else 0}

    # -- fake systemctl ------------------------------------------------------------------
    def systemd(self, action, unit):
        with LOCK:
            event("systemctl", action=action, unit=unit)
            if action in ("show", "is-active"):
                return 0, self.systemctl.get(unit, "inactive")
            if action in ("start",):
                was = self.systemctl.get(unit)
                self.systemctl[unit] = "active"
                if was != "active":
                    self.start(unit)
                return 0, "active"
            if action in ("stop",):
                self.systemctl[unit] = "inactive"
                self.stop(unit)
                return 0, "inactive"
            if action == "restart":
                self.systemctl[unit] = "active"
                if FAULTS.get("restart_fails") == unit:
                    return 1, "failed"
                self.restart(unit)
                return 0, "active"
            return 0, ""

    def start(self, unit):
        t = now()
        for s in self.stores.values():
            if s.unit == unit and s.removed and s.state == "Up":
                s.removed = False
                s.leaders = 0
                s.running = False
                s.back_at = t + self.restart_seconds
                event("store-joined", store=s.name)
        for m in self.all_members:
            if m.unit == unit and not m.member:
                joining = [o.name for o in self.all_members if o.member and not o.up]
                if joining:
                    violation(f"PD {m.name} joined while {joining} were not healthy yet")
                m.member = True
                m.back_at = t + self.restart_seconds
                event("pd-joined", member=m.name)
        for d in self.tidbs:
            if d.unit == unit and not d.up:
                d.back_at = t + self.restart_seconds
                event("tidb-started", tidb=d.name)

    def haproxy_admin(self, server):
        """HAProxy's admin state of a TiDB server (0 ready, 1 maintenance, 8 drain), None if unknown."""
        if not self.haproxy_socket:
            return None
        try:
            sock = socket.socket(socket.AF_UNIX)
            sock.settimeout(2)
            sock.connect(self.haproxy_socket)
            sock.sendall(b"show servers state tidb\n")
            out = b"".join(iter(lambda: sock.recv(65536), b"")).decode()
        except OSError:
            return None
        for line in out.splitlines():
            f = line.split()
            if len(f) > 6 and f[3] == server:
                return int(f[6])
        return None

    def stop(self, unit):
        for s in self.stores.values():
            if s.unit == unit:
                s.running = False
                event("store-stopped", store=s.name)
                if s.state == "Offline":
                    violation(f"{s.name} stopped while Offline: its Regions were not all moved away yet")
        for d in self.tidbs:
            if d.unit == unit:
                if self.haproxy_admin(d.name) == 0:
                    violation(f"TiDB {d.name} stopped while HAProxy still sent it new connections")
                d.up = False
                event("tidb-stopped", tidb=d.name)
        for m in self.all_members:
            if m.unit == unit:
                if m.member:
                    violation(f"PD {m.name} stopped while still a member")
                m.up = False
                event("pd-stopped", member=m.name)

    def going_down(self, process, t, kind, **data):
        """A PD member or TiDB server restarted: down now, up again after restart_seconds."""
        process.up = False
        process.back_at = t + self.restart_seconds
        event(kind, **data)

    def restart(self, unit):
        t = now()
        for s in self.stores.values():
            if s.unit == unit:
                away = [o.name for o in self.stores.values()
                        if o is not s and not o.removed and o.state == "Up" and (not o.running or o.back_at)]
                if away:
                    violation(f"{s.name} restarted while {away} were away")
                if self.region_trouble()["down-peer"] or self.region_trouble()["pending-peer"]:
                    violation(f"{s.name} restarted while Regions had down or pending peers")
                if s.leaders > 0:
                    violation(f"{s.name} restarted holding {s.leaders} leaders")
                s.running = False
                s.back_at = t + self.restart_seconds
                event("store-restart", store=s.name)
        for m in self.members:
            if m.unit == unit:
                down = [o.name for o in self.members if o is not m and not o.up]
                if down:
                    violation(f"PD {m.name} restarted while {down} were down")
                if self.leader == m.name:
                    violation(f"PD {m.name} restarted while it was the leader")
                self.going_down(m, t, "pd-restart", member=m.name)
        for d in self.tidbs:
            if d.unit == unit:
                others = [o.name for o in self.tidbs if o is not d and not o.up and o.name in self.serving]
                if others:
                    violation(f"TiDB {d.name} restarted while {others} were down")
                if self.haproxy_admin(d.name) == 0:
                    violation(f"TiDB {d.name} restarted while HAProxy still sent it new connections")
                self.going_down(d, t, "tidb-restart", tidb=d.name)


CLUSTER = None
START = now()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    role = None   # ("pd", member) | ("tikv", store) | ("tidb", tidb) | ("control", None)

    def log_message(self, *args):
        pass

    def reply(self, code, body=None):
        data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return None

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    def route(self, method):
        kind, obj = self.role
        path = self.path.split("?")[0]
        with LOCK:
            if kind == "control":
                return self.control(method, path)
            if kind == "tikv":
                if path == "/status" and obj.running and not obj.back_at:
                    return self.reply(200, {})
                return self.reply(503, {"error": "not serving"})
            if kind == "tidb":
                if path == "/status" and obj.up:
                    return self.reply(200, {"connections": 0, "version": "8.0.11-TiDB-v7.5.4"})
                return self.reply(500, {"error": "shutting down"})
            if kind == "pd":
                if not obj.up:
                    # A stopped member does not answer at all.
                    self.close_connection = True
                    return self.reply(503, {"error": "not serving"})
                return self.pd(method, path, obj)
        return self.reply(404, "404 page not found")

    def pd(self, method, path, member):
        c = CLUSTER
        event("pd-api", method=method, path=path, via=member.name)
        if path == "/pd/api/v1/health" and method == "GET":
            return self.reply(200, [{"name": m.name, "member_id": i + 1, "client_urls": [f"https://127.0.0.1:{m.port}"],
                                     "health": m.up} for i, m in enumerate(c.members)])
        if path == "/pd/api/v1/leader" and method == "GET":
            if not c.leader:
                return self.reply(500, "no leader")
            return self.reply(200, {"name": c.leader, "member_id": 1, "client_urls": []})
        if path == "/pd/api/v1/leader/resign" and method == "POST":
            up = [m.name for m in c.members if m.up and m.name != c.leader]
            if not up:
                return self.reply(500, "no other member")
            event("pd-resign", member=c.leader, to=up[0])
            c.leader = up[0]
            return self.reply(200, "The resign command is submitted.")
        if path == "/pd/api/v1/members" and method == "GET":
            return self.reply(200, {"members": [{"name": m.name} for m in c.members],
                                    "leader": {"name": c.leader}})
        if path.startswith("/pd/api/v1/members/name/") and method == "DELETE":
            name = path.rsplit("/", 1)[1]
            if name not in [m.name for m in c.members]:
                return self.reply(404, f"member {name} not found")
            if name == c.leader:
                violation(f"PD member {name} deleted while it was the leader")
            for m in c.all_members:
                if m.name == name:
                    m.member = False
            event("pd-member-deleted", member=name)
            return self.reply(200, f"removed, pd: {name}")
        if path == "/pd/api/v1/stores" and method == "GET":
            stores = [s.json(c.stale) for s in c.stores.values() if not s.removed]
            return self.reply(200, {"count": len(stores), "stores": stores})
        if path.startswith("/pd/api/v1/store/"):
            sid = int(path.rsplit("/", 1)[1])
            s = c.stores.get(sid)
            if s is None or s.removed:
                return self.reply(404, "store not found")
            if method == "GET":
                return self.reply(200, s.json(c.stale))
            if method == "DELETE":
                ups = [o for o in c.stores.values() if o is not s and o.state == "Up" and not o.removed]
                if len(ups) < 3:
                    violation(f"store {s.name} deleted leaving {len(ups)} Up stores for 3 replicas")
                s.state = "Offline"
                event("store-delete", store=s.name)
                return self.reply(200, "The store is set as Offline.")
        if path == "/pd/api/v1/stores/remove-tombstone" and method == "DELETE":
            gone = [s.name for s in c.stores.values() if s.state == "Tombstone" and not s.removed]
            for s in c.stores.values():
                if s.state == "Tombstone":
                    if s.running:
                        violation(f"tombstone {s.name} removed while its TiKV still ran")
                    s.removed = True
            event("remove-tombstone", stores=gone)
            return self.reply(200, None)
        if path.startswith("/pd/api/v1/regions/check/") and method == "GET":
            what = path.rsplit("/", 1)[1]
            trouble = c.region_trouble()
            if FAULTS.get("down_peers"):
                trouble["down-peer"] = 30
            n = trouble.get(what, 0)
            return self.reply(200, {"count": n, "regions": [{"id": i + 1} for i in range(n)]})
        if path == "/pd/api/v1/schedulers" and method == "GET":
            names = ["balance-leader-scheduler", "balance-region-scheduler"]
            return self.reply(200, names + (["evict-leader-scheduler"] if c.evicted else []))
        if path == "/pd/api/v1/schedulers" and method == "POST":
            b = self.body() or {}
            if b.get("name") != "evict-leader-scheduler" or not isinstance(b.get("store_id"), (int, float)) \
                    or isinstance(b.get("store_id"), bool):
                return self.reply(400, "missing store id")
            sid = int(b["store_id"])
            if sid not in c.stores:
                return self.reply(500, f"[PD:core:ErrStoreNotFound]store id {sid} not found")
            c.evicted.add(sid)
            event("evict-add", store=c.stores[sid].name)
            return self.reply(200, "The scheduler is created.")
        if path.startswith("/pd/api/v1/schedulers/evict-leader-scheduler-") and method == "DELETE":
            if FAULTS.get("delete_scheduler_500", 0) > 0:
                FAULTS["delete_scheduler_500"] -= 1
                return self.reply(500, "etcd timeout")
            sid = int(path.rsplit("-", 1)[1])
            if sid not in c.evicted:
                return self.reply(404, "[PD:scheduler:ErrScheduleConfigNotExist]the config does not exist")
            s = c.stores[sid]
            c.evicted.discard(sid)
            event("evict-remove", store=s.name)
            return self.reply(200, None)
        if path == "/pd/api/v1/scheduler-config/evict-leader-scheduler/list" and method == "GET":
            if not c.evicted:
                return self.reply(404, b"404 page not found\n")
            return self.reply(200, {"store-id-ranges": {str(i): [{"start-key": "", "end-key": ""}] for i in sorted(c.evicted)}})
        return self.reply(404, "404 page not found")

    def control(self, method, path):
        if path == "/_fake/systemctl" and method == "POST":
            b = self.body()
            code, state = CLUSTER.systemd(b["action"], b["unit"])
            return self.reply(200, {"code": code, "state": state})
        if path == "/_fake/fault" and method == "POST":
            FAULTS.clear()
            FAULTS.update(self.body() or {})
            event("faults", **FAULTS)
            return self.reply(200, FAULTS)
        if path == "/_fake/events":
            return self.reply(200, EVENTS)
        if path == "/_fake/violations":
            return self.reply(200, VIOLATIONS)
        if path == "/_fake/state":
            c = CLUSTER
            return self.reply(200, {"stores": {s.name: {"state": s.state_name(c.stale), "leaders": s.leaders, "regions": s.regions,
                                                        "running": s.running, "removed": s.removed} for s in c.stores.values()},
                                    "evicted": sorted(c.evicted), "leader": c.leader,
                                    "members": [m.name for m in c.members], "tidbs": {d.name: d.up for d in c.tidbs}})
        if path == "/_fake/reset" and method == "POST":
            EVENTS.clear()
            VIOLATIONS.clear()
            return self.reply(200, {})
        return self.reply(404, {})


def serve(port, role, tls):
    handler = type("H", (Handler,), {"role": role})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    if tls and role[0] != "control":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(tls["cert"], tls["key"])
        ctx.load_verify_locations(tls["ca"])
        ctx.verify_mode = ssl.CERT_REQUIRED
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()


class Sql(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(1)


def main():
    global CLUSTER
    topo = json.load(open(sys.argv[1]))
    CLUSTER = Cluster(topo)
    tls = topo.get("tls")
    serve(topo["control_port"], ("control", None), None)
    for m in CLUSTER.all_members:
        serve(m.port, ("pd", m), tls)
    for s in CLUSTER.stores.values():
        serve(s.status_port, ("tikv", s), tls)
    for d in CLUSTER.tidbs:
        serve(d.status_port, ("tidb", d), tls)
        sql = socketserver.ThreadingTCPServer(("127.0.0.1", d.sql_port), Sql)
        sql.daemon_threads = True
        threading.Thread(target=sql.serve_forever, daemon=True).start()
    print("ready", flush=True)
    while True:
        time.sleep(0.25)
        CLUSTER.tick()


if __name__ == "__main__":
    main()
