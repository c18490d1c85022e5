# shellcheck shell=bash
# shellcheck disable=SC2154  # here, logs, site, ca, inventory, lb ... are e2e.sh's
# shellcheck disable=SC2046  # $(group NAME) is a list of host names, split on purpose
# The day-2 scenarios of `make e2e` (issue 12), sourced by e2e.sh, whose helpers they use (c, c2,
# on, addr, group, machine_of, converge, sentinel_ask, redis_ask, haproxy_state, ...). Each is a
# check function: it prints its figures on one line and fails when its promise breaks.

shopper=$here/shopper.py
# Requests per second of the load generator (all shoppers): every client of the run is 127.0.0.1, so
# this stays well under the edge's per-address limit (inventories/fleet lb_servers.yml) and the
# service's per-address budget (THROTTLER_LIMIT, 5000 per minute).
shopper_rate=${CADDY_E2E_SHOPPER_RATE:-50}
# join_lines PART...: one line, the parts separated by "; ".
join_lines() { local out='' part; for part in "$@"; do out+="${out:+; }$part"; done; echo "$out"; }

# An operator's dry run (site.yml --check --diff) on the converged machines whose tasks differ: a file
# changed by hand on an app node is the one change it predicts, shown as a diff, and the dry run fails
# nowhere and leaves the file as it found it. The hand-made line is taken out again afterwards.
check_dry_run() {
  local app f=/etc/logrotate.d/caddy-backend marker='# changed by hand (e2e dry run)' rc=0 t=$SECONDS out machines
  app=$(group app_servers | head -n1)
  machines=$(distinct_machines)
  on "$app" "printf '%s\\n' '$marker' >>$f" || return 1
  playbook site.yml "${site_args[@]}" --check --diff --limit "$machines" >"$logs/dry-run.log" 2>&1 || rc=$?
  t=$((SECONDS - t))
  on "$app" "grep -qxF '$marker' $f" || { echo "the dry run changed $f on $app"; return 1; }
  on "$app" "grep -vxF '$marker' $f >$f.e2e && cat $f.e2e >$f && rm $f.e2e" || return 1
  ((rc == 0)) || { grep -E -A8 '^(fatal|failed):' "$logs/dry-run.log" | head -30; echo "site.yml --check --diff failed (rc $rc, $logs/dry-run.log)"; return 1; }
  out=$(changes <"$logs/dry-run.log")
  [[ $out == "1 ($app=1)" ]] || { echo "predicted changes: $out, expected only $f on $app (see $logs/dry-run.log)"; return 1; }
  grep -qxF -- "-$marker" "$logs/dry-run.log" || { echo "no diff of $f in the dry run's output"; return 1; }
  echo "site.yml --check --diff on $machines in $t s: the one change predicted is $f on $app (changed by hand), with its diff; the file left as it was, then restored"
}

# ---- the load generator (shopper.py): shoppers that read and write through nginx on TLS ----
# start_shoppers NAME LB_ADDRESS [REFRESH_EVERY], wait_shoppers NAME N (N more requests made),
# stop_shoppers NAME (prints "N requests (M orders, R/s), F failed" and fails when any request failed).
start_shoppers() {
  rm -f "$logs/$1.stop" "$logs/$1.progress"
  python3 "$shopper" shop --lb "$2" --site "$site" --ca "$ca" --tokens "$logs/shoppers.tokens" \
    --product "$(<"$logs/shoppers.product")" --stop "$logs/$1.stop" --out "$logs/$1.json" --rate "$shopper_rate" \
    --refresh-every "${3:-60}" \
    --progress "$logs/$1.progress" 2>"$logs/$1.err" &
  echo $! >"$logs/$1.pid"
}
shopper_requests() { local r=0; [[ -s $logs/$1.progress ]] && read -r r _ <"$logs/$1.progress"; echo "${r:-0}"; }
wait_shoppers() {
  local from i
  from=$(shopper_requests "$1")
  for ((i = 0; i < 600; i++)); do
    (($(shopper_requests "$1") >= from + $2)) && return 0
    kill -0 "$(<"$logs/$1.pid")" 2>/dev/null || { echo "the load generator died: $(tail -3 "$logs/$1.err")"; return 1; }
    sleep 0.1
  done
  echo "the shoppers made fewer than $2 requests in 60 s"
  return 1
}
stop_shoppers() {
  local pid i
  pid=$(<"$logs/$1.pid")
  touch "$logs/$1.stop"
  # Not `wait`: the caller may be a subshell of the one that started it. Each shopper finishes its
  # request in flight (15 s timeout at most).
  for ((i = 0; i < 300 && $(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0) == 1; i++)); do sleep 0.1; done
  [[ -s $logs/$1.json ]] || { echo "no summary from the load generator: $(tail -3 "$logs/$1.err")"; return 1; }
  jq -r '"\(.requests) requests (\(.orders) orders, \(.by_operation.refresh.ok // 0) session refreshes, \(.per_second)/s), \(.failures) failed"' "$logs/$1.json"
  if [[ $(jq .failures "$logs/$1.json") != 0 ]]; then
    jq -c '.examples[:5][]' "$logs/$1.json"
    return 1
  fi
}

# in_rotation LB_HOST APP_HOST...: wait (at most 60 s) until every app node is UP in LB's HAProxy.
in_rotation() {
  local lbh=$1 h i
  shift
  for h in "$@"; do
    for ((i = 0; i < 300; i++)); do
      [[ $(haproxy_state "$h" "$lbh" 2>/dev/null) == 2 ]] && continue 2
      sleep 0.2
    done
    echo "$h is not UP in $lbh's HAProxy after 60 s"
    return 1
  done
}
all_in_rotation() {
  local l
  for l in $(group lb_servers); do
    in_rotation "$l" $(group app_servers) || return 1
  done
}

# Shoppers for the scenarios under load: a product with plenty of stock and 4 logged-in shoppers
# (logged in once and then refreshing their sessions: the service allows 30 logins per address in
# 5 minutes and 10 registrations per hour, and every client of this run is 127.0.0.1; see shopper.py),
# each with its address verified by the link of the mail the relay received, before any checkout.
prepare_shoppers() {
  local admin_token body pid id out t=$SECONDS
  admin_token=$(session_token admin) || { echo "no admin session"; return 1; }
  id=$(date +%s%N)
  body=$(c -X POST "https://$site/api/products" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d "{\"categorySlug\":\"e2e\",\"sku\":\"LOAD-$id\",\"name\":\"Load test balls\",\"description\":\"e2e load\",\"price\":3.10,\"stock\":1000000}")
  pid=$(jq -r .id <<<"$body")
  [[ $pid =~ ^[0-9]+$ ]] || { echo "create the load product: $body"; return 1; }
  echo "$pid" >"$logs/shoppers.product"
  out=$(python3 "$shopper" login --lb "$lb" --site "$site" --ca "$ca" --users 4 --out "$logs/shoppers.tokens" \
    --mail-command "${relay_find[*]@Q}" 2>&1) || { echo "$out"; return 1; }
  printf '%s\n' "$out" >"$logs/shoppers.verified"
  echo "4 shoppers logged in, their addresses verified ($(grep -c 'verified by the link' <<<"$out") by the link of their mail at the relay, $(grep -c 'verified already' <<<"$out") already; $((SECONDS - t)) s, see $logs/shoppers.verified); product $pid with a stock of 1000000; each shopper loops: read the product, cart update, cart read, order, cancel (all together about $shopper_rate requests/s), refreshing its session every minute"
}

# The database path: the address and port the app's connections go through, and where they go
# from there. Read from the sockets of the running processes (ss -p inside each machine).
check_database_path() {
  local h a conns java_peers haproxy_peers state out=() t tidb_addrs
  tidb_addrs=$(for t in $(group tidb_servers); do echo "$(addr "$t"):4000"; done | sort | paste -sd ,)
  for h in $(group app_servers); do
    a=$(addr "$h")
    conns=$(on "$h" "ss -Htnp state established '( dport = :4000 )'") || return 1
    # Java's sockets are IPv6 ones: an IPv4 peer shows as [::ffff:a.b.c.d].
    # shellcheck disable=SC2001  # a regular expression with a group
    conns=$(sed 's/\[::ffff:\([0-9.]*\)\]/\1/g' <<<"$conns")
    java_peers=$(grep '"java"' <<<"$conns" | awk '{print $4}' | sort | uniq -c | awk '{print $2 " x" $1}' | paste -sd ' ')
    haproxy_peers=$(grep '"haproxy"' <<<"$conns" | awk '{print $4}' | sort -u | paste -sd ,)
    [[ -n $java_peers && $(grep '"java"' <<<"$conns" | awk '{print $4}' | sort -u) == "$a:4000" ]] ||
      { echo "$h: java's database connections go to '$java_peers', not to its own HAProxy $a:4000"; return 1; }
    [[ $haproxy_peers == "$tidb_addrs" ]] || { echo "$h: its HAProxy connects to '$haproxy_peers', not to the TiDB servers $tidb_addrs"; return 1; }
    for t in $(group tidb_servers); do
      state=$(haproxy_server_state "$h" tidb "$t")
      [[ $state == 2 ]] || { echo "$h: $t is not UP in its HAProxy (state $state)"; return 1; }
    done
    [[ $(on "$h" "sed -n 's/^DB_HOST=\"\\(.*\\)\"$/\\1/p' /etc/caddy-backend/caddy-backend.env") == "$a" ]] || { echo "$h: DB_HOST is not $a"; return 1; }
    out+=("$h: java -> $a:4000 (its own HAProxy; connections: $java_peers) -> $haproxy_peers (UP)")
  done
  for h in $(group lb_servers); do
    if on "$h" "ss -Hltnp '( sport = :4000 )'" | grep -q haproxy; then
      echo "$h: a load balancer listens on the TiDB port"
      return 1
    fi
  done
  join_lines "${out[@]}" "no load balancer in the path"
}

# The edge: unknown names get no shop; ";" paths reach nothing internal; nginx's per-address rate
# limit answers 429 before the app is saturated; the admin port refuses the load balancers.
check_edge() {
  local code a h l token out=() n flood nginx429 app lbaddr mon
  token=$(session_token user) || { echo "no customer session"; return 1; }
  # 1. Unknown Host / SNI: nginx closes the connection without an answer (444).
  for req in "-k --resolve unknown.fleet.test:443:$lb https://unknown.fleet.test/api/products" \
    "--cacert $ca --resolve $site:443:$lb -H Host:unknown.fleet.test https://$site/api/products" \
    "-H Host:unknown.fleet.test http://$lb/api/products" "http://$lb/api/products"; do
    # shellcheck disable=SC2086  # split on purpose
    code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' $req 2>/dev/null)
    [[ $code == 000 ]] || { echo "unknown host ($req) -> $code"; return 1; }
  done
  out+=("unknown Host and SNI: connection closed, no answer (4 cases)")
  # 2. ";" paths: refused at the edge, none reaches an app node.
  for p in '/health/status;x.css' '/health/database;x.css' '/api/users/me;x.css' '/health/status%3Bx.css'; do
    code=$(c -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "https://$site$p")
    [[ $code == 404 ]] || { echo "$p -> $code"; return 1; }
  done
  for h in $(group app_servers); do
    if on "$h" "grep -c 'x.css' /var/log/caddy-backend/access.log" | grep -qv '^0$'; then
      echo "a ';x.css' path reached $h"
      return 1
    fi
  done
  out+=("';x.css' paths: 404 at the edge, none reached an app node")
  # 3. The admin port answers the node itself and the monitoring host, never a load balancer. The
  # machines share one network stack, so each client's source address is set explicitly.
  mon=$(addr "$(group monitoring_servers | head -n1)")
  for h in $(group app_servers); do
    a=$(addr "$h")
    for l in $(group lb_servers); do
      lbaddr=$(addr "$l")
      code=$(curl -s --max-time 5 --interface "$lbaddr" -o /dev/null -w '%{http_code}' "http://$a:8081/healthcheck")
      [[ $code == 403 ]] || { echo "$l -> $h:8081/healthcheck: $code"; return 1; }
      code=$(curl -s --max-time 5 --interface "$lbaddr" -o /dev/null -w '%{http_code}' -X POST "http://$a:8081/tasks/drain")
      [[ $code == 403 ]] || { echo "$l -> $h:8081/tasks/drain: $code"; return 1; }
    done
    [[ $(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://$a:3000/health") == 200 ]] ||
      { echo "$h drained by a refused request"; return 1; }
    code=$(curl -s --max-time 5 --interface "$mon" -o /dev/null -w '%{http_code}' "http://$a:8081/healthcheck")
    [[ $code == 200 ]] || { echo "monitoring host -> $h:8081: $code"; return 1; }
    code=$(on "$h" "curl -s --max-time 5 -o /dev/null -w '%{http_code}' http://$a:8081/healthcheck")
    [[ $code == 200 ]] || { echo "$h itself -> its admin port: $code"; return 1; }
  done
  out+=("admin port: 403 from both load balancers (GET and POST /tasks/drain), 200 from the monitoring host and the node itself")
  # 4. A flood from one address through lb2: nginx answers 429 beyond its rate and burst; the app
  # gets a share it serves easily, and /health through lb1 stays 200 meanwhile.
  n=3000
  local urls=() i t0 health=0 health_bad=0
  for ((i = 0; i < n; i++)); do urls+=(-o /dev/null "https://$site/api/products?page=1&flood=$i"); done
  t0=$(date +%s.%N)
  (while [[ ! -e $logs/flood.done ]]; do
    [[ $(c -o /dev/null -w '%{http_code}' "https://$site/health") == 200 ]] && echo ok || echo bad
    sleep 0.2
  done) >"$logs/flood.health" &
  local health_pid=$!
  c2 --parallel --parallel-immediate --parallel-max 100 -w '%{http_code} %{content_type}\n' "${urls[@]}" \
    >"$logs/flood.codes" 2>/dev/null
  touch "$logs/flood.done"
  wait "$health_pid" || true
  flood=$(elapsed "$t0")
  nginx429=$(grep -c '^429 text/html' "$logs/flood.codes")
  app=$(grep -vc '^429 text/html' "$logs/flood.codes")
  health=$(grep -c ok "$logs/flood.health"); health_bad=$(grep -c bad "$logs/flood.health")
  out+=("flood of $n requests from one address through lb2 in $flood s: nginx answered $nginx429 with 429, the app $app ($(grep -c '^200 ' "$logs/flood.codes") x 200, $(grep -c '^429 application/json' "$logs/flood.codes") x 429 of its own); /health through lb1 $health x 200, $health_bad failed")
  join_lines "${out[@]}"
  ((nginx429 > 0 && app < n && health > 0 && health_bad == 0))
}

# Uploads: an image uploaded through one app node is served through nginx while that node is
# stopped (the other app node reads it from the database).
check_uploads_shared() {
  local admin_token pid url a1 up h1 h2 t0 back code
  admin_token=$(session_token admin) || { echo "no admin session"; return 1; }
  pid=$(sed -n 1p "$logs/journey.product")
  h1=$(group app_servers | sed -n 1p); h2=$(group app_servers | sed -n 2p)
  a1=$(addr "$h1")
  python3 -c 'import os, sys; sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + os.urandom(300000))' >"$logs/upload.png"
  up=$(curl -sS --max-time 30 -X POST "http://$a1:3000/api/products/$pid/images" -H "Authorization: Bearer $admin_token" \
    -F "file=@$logs/upload.png;type=image/png")
  url=$(jq -r .imageUrl <<<"$up")
  [[ $url == /uploads/*.png ]] || { echo "upload through $h1: $up"; return 1; }
  on "$h1" systemctl stop caddy-backend
  for getter in c c2; do
    code=$($getter -D "$logs/upload.$getter.headers" -o "$logs/upload.$getter.png" -w '%{http_code}' "https://$site$url")
    if [[ $code != 200 ]] || ! cmp -s "$logs/upload.png" "$logs/upload.$getter.png"; then
      on "$h1" systemctl start caddy-backend
      echo "$url through nginx ($getter) with $h1 stopped: $code"
      return 1
    fi
  done
  on "$h2" "grep -q 'GET $url ' /var/log/caddy-backend/access.log" || { on "$h1" systemctl start caddy-backend; echo "$h2 did not serve it"; return 1; }
  local cache1
  cache1=$(tr -d '\r' <"$logs/upload.c.headers" | sed -n 's/^x-cache-status: //Ip')
  t0=$(date +%s.%N)
  on "$h1" systemctl start caddy-backend
  all_in_rotation || return 1
  back=$(elapsed "$t0")
  echo "300 KB image uploaded through $h1 ($url); $h1 stopped: the same bytes through lb1 (cache $cache1, served by $h2 from the database) and lb2; $h1 back in both load balancers after $back s"
}

# rolling-update.yml on the app tier while shoppers read and write through nginx.
check_rolling_update() {
  local h before=() after=() t rc=0 i=0 summary drained
  all_in_rotation || return 1
  for h in $(group app_servers); do before+=("$(on "$h" systemctl show -p MainPID --value caddy-backend)"); done
  start_shoppers rolling "$lb"
  wait_shoppers rolling 50 || { stop_shoppers rolling; return 1; }
  t=$SECONDS
  playbook playbooks/rolling-update.yml --tags app >"$logs/rolling-update.log" 2>&1 || rc=$?
  t=$((SECONDS - t))
  wait_shoppers rolling 50 || true
  summary=$(stop_shoppers rolling) || { echo "rolling-update.yml (rc $rc, $t s): $summary"; return 1; }
  ((rc == 0)) || { grep -E -A5 '^(fatal|failed):' "$logs/rolling-update.log" | head -20; return 1; }
  for h in $(group app_servers); do after+=("$(on "$h" systemctl show -p MainPID --value caddy-backend)"); done
  for ((i = 0; i < ${#before[@]}; i++)); do
    [[ ${before[i]} != "${after[i]}" && ${after[i]} != 0 ]] || { echo "node $i was not restarted"; return 1; }
  done
  drained=$(grep -c "^ok: \[.*\] => (item=http://.*:8405/metrics?scope=server)" "$logs/rolling-update.log")
  echo "rolling-update.yml --tags app in $t s: $(group app_servers | paste -sd ' ') each drained out of both load balancers, restarted (new pids) and back in both ($drained load balancer waits); shoppers through lb1: $summary"
}

# A load balancer lost under load: lb1 loses power while shoppers go through lb2. (Which load
# balancer holds the public address is keepalived's job, exercised in ansible/tests/run: the
# machines here share one loopback, where VRRP cannot run; see docs/production.md.)
check_lb_loss() {
  local m1 t0 back summary h t state i refused=''
  m1=$(machine_of "$lb1_host")
  all_in_rotation || return 1
  start_shoppers lbloss "$lb2"
  wait_shoppers lbloss 50 || { stop_shoppers lbloss; return 1; }
  bash "$fleet" crash "$m1" 2>>"$logs/fleet.log"
  # lb1 is gone for clients: its address refuses connections.
  curl -s --max-time 5 -o /dev/null "http://$lb/" 2>/dev/null || refused=yes
  # About 15 s of shopping through lb2 alone.
  wait_shoppers lbloss 700 || true
  # The app nodes' database path does not go through any load balancer: untouched.
  for h in $(group app_servers); do
    for t in $(group tidb_servers); do
      state=$(haproxy_server_state "$h" tidb "$t")
      [[ $state == 2 ]] || { stop_shoppers lbloss; bash "$fleet" start "$m1" 2>>"$logs/fleet.log"; echo "$h: $t not UP in its HAProxy after lb1 died"; return 1; }
    done
  done
  summary=$(stop_shoppers lbloss) || { echo "through lb2 with lb1 down: $summary"; bash "$fleet" start "$m1" 2>>"$logs/fleet.log"; return 1; }
  [[ $refused == yes ]] || { bash "$fleet" start "$m1" 2>>"$logs/fleet.log"; echo "lb1 still answered after the crash"; return 1; }
  t0=$(date +%s.%N)
  bash "$fleet" start "$m1" 2>>"$logs/fleet.log" || { echo "lb1 did not boot again"; return 1; }
  for ((i = 0; i < 300; i++)); do
    on "$lb1_host" systemctl is-active -q nginx haproxy 2>/dev/null && break
    sleep 0.2
  done
  in_rotation "$lb1_host" $(group app_servers) || return 1
  [[ $(c -o /dev/null -w '%{http_code}' "https://$site/health") == 200 ]] || { echo "lb1 does not serve after its reboot"; return 1; }
  back=$(elapsed "$t0")
  echo "lb1 lost power (every process killed at once, its address refusing connections): shoppers through lb2: $summary; the app nodes' database path untouched (every TiDB server UP in their HAProxy); lb1 booted again and serving the shop after $back s"
}

# After the Redis failover: site.yml --tags redis again (what an operator runs for the Redis tier)
# changes nothing and restarts no Redis or Sentinel. The Redis plays only: the failover changed state
# nowhere else (clients follow Sentinel), the second converge has shown every play idempotent on
# every machine, and a whole site.yml on all nine costs 13 minutes of the 2-core build machine.
check_redis_rerun() {
  local h before=() after=() t out master_before master_after sentinel
  sentinel=$(addr "$(group redis_servers | head -n1)")
  [[ -s $logs/failover.result ]] || { echo "the Redis failover scenario did not run"; return 1; }
  master_before=$(sentinel_ask "$sentinel" SENTINEL get-master-addr-by-name caddy-master | head -n1)
  for h in $(group redis_servers); do
    before+=("$(on "$h" systemctl show -p MainPID --value redis-server redis-sentinel | paste -sd /)")
  done
  t=$SECONDS
  # Its slowest tasks go to the log, not into the check's one line.
  out=$(converge rerun --limit redis_servers --tags redis 2>>"$logs/rerun-site.log") ||
    { tail -n 20 "$logs/rerun-site.log"; echo "site.yml failed after the failover"; return 1; }
  t=$((SECONDS - t))
  for h in $(group redis_servers); do
    after+=("$(on "$h" systemctl show -p MainPID --value redis-server redis-sentinel | paste -sd /)")
  done
  master_after=$(sentinel_ask "$sentinel" SENTINEL get-master-addr-by-name caddy-master | head -n1)
  [[ $out == 0 ]] || { echo "changes: $out (see $logs/rerun-site.log)"; return 1; }
  [[ "${before[*]}" == "${after[*]}" ]] || { echo "restarted: redis-server/redis-sentinel pids ${before[*]} -> ${after[*]}"; return 1; }
  [[ $master_after == "$master_before" ]] || { echo "the master moved: $master_before -> $master_after"; return 1; }
  if grep -q 'RUNNING HANDLER \[redis' "$logs/rerun-site.log"; then echo "a Redis handler ran"; return 1; fi
  echo "site.yml --limit redis_servers --tags redis again after the failover ($(sed -n 2p "$logs/failover.result") -> $master_after): changed=0 on every Redis node in $t s; redis-server and redis-sentinel pids unchanged on all $(group redis_servers | wc -l) nodes; the master stays $master_after"
}

# Redis restore drill: back up, lose the data, restore with the shipped playbook, verify.
check_redis_restore() {
  local master sentinel keys=200 i t n replicas
  sentinel=$(addr "$(group redis_servers | head -n1)")
  master=$(sentinel_ask "$sentinel" SENTINEL get-master-addr-by-name caddy-master | head -n1)
  for ((i = 0; i < keys; i++)); do echo "SET e2e:drill:$i value-$i"; done | redis_ask "$master" >/dev/null
  for h in $(group redis_servers); do
    for ((i = 0; i < 100; i++)); do
      [[ $(redis_ask "$(addr "$h")" GET "e2e:drill:$((keys - 1))") == "value-$((keys - 1))" ]] && break
      sleep 0.1
    done
  done
  playbook playbooks/backup-now.yml --tags redis >"$logs/backup-now.log" 2>&1 ||
    { grep -E -A5 '^(fatal|failed):' "$logs/backup-now.log" | head; return 1; }
  redis_ask "$master" FLUSHALL >/dev/null
  [[ $(redis_ask "$master" DBSIZE) == 0 ]] || { echo "FLUSHALL left keys"; return 1; }
  t=$SECONDS
  playbook playbooks/restore.yml -e restore_confirm=RESTORE -e restore_redis=true >"$logs/restore.log" 2>&1 ||
    { grep -E -A5 '^(fatal|failed):' "$logs/restore.log" | head -20; return 1; }
  t=$((SECONDS - t))
  for ((i = 0; i < 150; i++)); do
    master=$(sentinel_ask "$sentinel" SENTINEL get-master-addr-by-name caddy-master 2>/dev/null | head -n1)
    replicas=$(redis_ask "$master" INFO replication 2>/dev/null | sed -n 's/^connected_slaves:\([0-9]*\).*/\1/p')
    [[ $replicas == 2 ]] && break
    sleep 0.2
  done
  n=$(redis_ask "$master" --scan --pattern 'e2e:drill:*' | wc -l)
  [[ $n == "$keys" && $(redis_ask "$master" GET e2e:drill:7) == value-7 ]] || { echo "$n of $keys keys back on $master"; return 1; }
  [[ $replicas == 2 ]] || { echo "master $master has ${replicas:-no} replicas"; return 1; }
  all_in_rotation || return 1
  [[ $(c -o /dev/null -w '%{http_code}' "https://$site/api/products/$(<"$logs/shoppers.product")") == 200 ]] || { echo "the shop does not answer"; return 1; }
  echo "$keys keys written on the master; backup-now.yml copied the RDB on $(group redis_servers | wc -l) nodes; FLUSHALL (0 keys); restore.yml -e restore_redis=true in $t s; $n/$keys keys back, master $master with 2 replicas; the app nodes back in both load balancers, the shop answers"
}

# rotate-secrets.yml under load: new Redis (every ACL user), Sentinel and database passwords and,
# when the service supports JWT_SECRET_PREVIOUS, a new JWT secret. Old passwords refused after.
check_secrets_rotation() {
  local vars=$CADDY_FLEET_DIR/run/rotated-secrets.json k t rc=0 summary jwt=no out=() new old master sentinel db out_old
  local names=(vault_caddy_db_password vault_caddy_redis_password vault_caddy_redis_admin_password
    vault_caddy_redis_replication_password vault_caddy_redis_sentinel_user_password
    vault_caddy_redis_exporter_password vault_caddy_redis_sentinel_password)
  if grep -q JWT_SECRET_PREVIOUS ../service/config/production.yml; then
    names+=(vault_caddy_jwt_secret)
    jwt=yes
  fi
  {
    echo '{'
    for k in "${names[@]}"; do
      printf '"%s": "%s", "%s_previous": "%s",\n' "$k" "rotated-$(openssl rand -hex 20)" "$k" "$(vault "$k")"
    done
    echo '"rotation": true}'
  } >"$vars.new"
  all_in_rotation || return 1
  # Sessions refreshed every 5 s: tokens are signed on one node and presented to the other while
  # the nodes move to the new JWT secret one at a time.
  start_shoppers rotation "$lb" 5
  wait_shoppers rotation 50 || { stop_shoppers rotation; return 1; }
  t=$SECONDS
  playbook playbooks/rotate-secrets.yml -e "@$vars.new" >"$logs/rotate-secrets.log" 2>&1 || rc=$?
  t=$((SECONDS - t))
  # From now on this fleet has the new secrets (a later CADDY_E2E_REUSE=1 run reads them).
  mv "$vars.new" "$vars"
  # shellcheck disable=SC2034  # read by e2e.sh's playbook()
  extra_vars=(-e "@$vars")
  wait_shoppers rotation 50 || true
  summary=$(stop_shoppers rotation) || { echo "rotate-secrets.yml (rc $rc, $t s): $summary"; return 1; }
  ((rc == 0)) || { grep -E -A8 '^(fatal|failed):' "$logs/rotate-secrets.log" | head -30; return 1; }
  sentinel=$(addr "$(group redis_servers | head -n1)")
  # Redis: each user's new password works, the old one is refused.
  master=$(REDISCLI_AUTH=$(vault vault_caddy_redis_sentinel_password) redis-cli -h "$sentinel" -p 26379 --no-auth-warning \
    SENTINEL get-master-addr-by-name caddy-master | head -n1)
  for pair in caddy-app:vault_caddy_redis_password default:vault_caddy_redis_admin_password exporter:vault_caddy_redis_exporter_password; do
    new=$(jq -r --arg k "${pair#*:}" '.[$k]' "$vars"); old=$(jq -r --arg k "${pair#*:}_previous" '.[$k]' "$vars")
    [[ $(REDISCLI_AUTH=$new redis-cli -h "$master" --user "${pair%%:*}" --no-auth-warning PING 2>&1) == PONG ]] ||
      { echo "Redis user ${pair%%:*} refuses its new password"; return 1; }
    out_old=$(REDISCLI_AUTH=$old redis-cli -h "$master" --user "${pair%%:*}" --no-auth-warning PING 2>&1)
    grep -q WRONGPASS <<<"$out_old" ||
      { echo "Redis user ${pair%%:*} on $master still accepts its old password ('${old:0:12}...': $out_old); its password hashes now: $(redis_ask_new "$master" ACL GETUSER "${pair%%:*}" | sed -n '/^passwords$/,/^commands$/p' | paste -sd ' ')"; return 1; }
  done
  [[ $(redis_ask_new "$master" INFO replication | sed -n 's/^connected_slaves:\([0-9]*\).*/\1/p') == 2 ]] ||
    { echo "the replicas did not come back with the new replication password"; return 1; }
  out+=("Redis users caddy-app, default, exporter: new password PONG, old WRONGPASS; 2 replicas (user replica, new password)")
  # Sentinel: its own password, and the quorum (sentinel-pass between them, auth-pass to Redis).
  new=$(jq -r .vault_caddy_redis_sentinel_password "$vars"); old=$(jq -r .vault_caddy_redis_sentinel_password_previous "$vars")
  for h in $(group redis_servers); do
    out_old=$(REDISCLI_AUTH=$old redis-cli -h "$(addr "$h")" -p 26379 --no-auth-warning PING 2>&1)
    grep -q WRONGPASS <<<"$out_old" || { echo "Sentinel on $h still accepts the old password: $out_old"; return 1; }
    REDISCLI_AUTH=$new redis-cli -h "$(addr "$h")" -p 26379 --no-auth-warning SENTINEL ckquorum caddy-master | grep -q '^OK' ||
      { echo "Sentinel on $h: no quorum with the new passwords"; return 1; }
  done
  out+=("Sentinels: old password WRONGPASS, quorum OK with the new ones")
  # The database: caddy_app with the new password only; the temporary user gone.
  db=$(addr "$(group tidb_servers | head -n1)")
  new=$(jq -r .vault_caddy_db_password "$vars"); old=$(jq -r .vault_caddy_db_password_previous "$vars")
  MYSQL_PWD=$new mariadb -h "$db" -P 4000 -u caddy_app caddy_shopping -e 'SELECT 1' >/dev/null 2>&1 ||
    { echo "caddy_app refuses its new password"; return 1; }
  if MYSQL_PWD=$old mariadb -h "$db" -P 4000 -u caddy_app caddy_shopping -e 'SELECT 1' >/dev/null 2>&1; then
    echo "caddy_app still accepts its old password"
    return 1
  fi
  [[ $(on "$(group tidb_servers | head -n1)" "mariadb -N -e \"SELECT COUNT(*) FROM mysql.user WHERE user = 'caddy_app_rotating'\"") == 0 ]] ||
    { echo "caddy_app_rotating is left"; return 1; }
  for h in $(group app_servers); do
    on "$h" "grep -qx 'DB_USERNAME=\"caddy_app\"' /etc/caddy-backend/caddy-backend.env" || { echo "$h does not use caddy_app"; return 1; }
  done
  out+=("database: caddy_app new password accepted, old one refused, caddy_app_rotating dropped")
  if [[ $jwt == yes ]]; then
    old=$(jq -r .vault_caddy_jwt_secret_previous "$vars")
    for h in $(group app_servers); do
      on "$h" "grep -qx 'JWT_SECRET_PREVIOUS=\"$old\"' /etc/caddy-backend/caddy-backend.env" ||
        { echo "$h: JWT_SECRET_PREVIOUS is not the previous secret"; return 1; }
    done
    out+=("JWT secret rotated: tokens from before the rotation and sessions refreshed during it (every 5 s) accepted by every node ($(jq -r '.by_operation.refresh.ok // 0' "$logs/rotation.json") refreshes)")
  else
    out+=("JWT secret NOT rotated: this service has no JWT_SECRET_PREVIOUS yet (issue 13)")
  fi
  join_lines "rotate-secrets.yml under load in $t s; shoppers through lb1: $summary" "${out[@]}"
}
redis_ask_new() { local a=$1; shift; REDISCLI_AUTH=$(vault vault_caddy_redis_admin_password) redis-cli -h "$a" -p 6379 --no-auth-warning "$@"; }

# Releases and rollback (issue 17): a second, distinguishable release (the build's jar with another
# version in its stamp, caddy-backend-version.properties) goes out with rolling-update.yml, then
# rollback.yml returns every app node to the first release, with shoppers ordering through nginx all
# along. Every node's /health/status must report the release expected at each step; the release
# rolled back from stays on disk as previous (a roll-forward is rollback.yml again). Before there
# is a second release, rollback.yml must refuse without touching a node.
check_release_rollback() {
  local d=$logs/next-release jar h t rc=0 pids_before=() pids_after=() summary first='' second out=() i
  jar=$d/caddy-backend.jar
  # release_of HOST: "version commit" as the node's /health/status reports them.
  release_of() { on "$1" "curl -s --max-time 5 http://$(addr "$1"):3000/health/status" | jq -r '"\(.version) \(.commit)"'; }
  # link_of HOST NAME: the release a link of the install directory names.
  link_of() { on "$1" "readlink /opt/caddy-backend/$2 2>/dev/null" | sed 's|^releases/||'; }
  local apps=() first_ids=() second_ids=()
  mapfile -t apps < <(group app_servers)
  all_in_rotation || return 1
  for h in "${apps[@]}"; do
    first_ids+=("$(link_of "$h" current)")
    [[ -z $first ]] && first=$(release_of "$h")
    [[ $(release_of "$h") == "$first" ]] || { echo "the nodes run different releases before the scenario: $first / $(release_of "$h")"; return 1; }
  done
  # 1. No node has a previous release yet (unless this fleet ran the scenario before: CADDY_E2E_REUSE).
  if [[ -z $(for h in $(group app_servers); do link_of "$h" previous; done) ]]; then
    for h in $(group app_servers); do pids_before+=("$(on "$h" systemctl show -p MainPID --value caddy-backend)"); done
    if playbook playbooks/rollback.yml >"$logs/rollback-refused.log" 2>&1; then
      echo "rollback.yml passed without a previous release"; return 1
    fi
    # The message may be folded over lines by the YAML callback.
    tr '\n' ' ' <"$logs/rollback-refused.log" | tr -s ' ' | grep -q "No rollback: $(group app_servers | head -n1) has no previous release" ||
      { tail -20 "$logs/rollback-refused.log"; return 1; }
    grep -q 'TASK \[Drain the node' "$logs/rollback-refused.log" && { echo "rollback.yml drained a node before refusing"; return 1; }
    for h in $(group app_servers); do pids_after+=("$(on "$h" systemctl show -p MainPID --value caddy-backend)"); done
    [[ "${pids_before[*]}" == "${pids_after[*]}" ]] || { echo "rollback.yml restarted a node while refusing"; return 1; }
    out+=("rollback.yml without a previous release: refused before touching a node (pids unchanged)")
  fi
  # 2. The second release: the same code with another version in its build stamp.
  rm -rf "$d" && mkdir -p "$d"
  python3 - ../service/target/caddy-backend.jar "$jar" <<'PY' || { echo "could not build the second release's jar"; return 1; }
import sys, zipfile
src, dst = sys.argv[1:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "caddy-backend-version.properties":
            data = b"\n".join(l + b"-e2e-next" if l.startswith(b"version=") else l for l in data.splitlines()) + b"\n"
        zout.writestr(item, data)
PY
  second="${first%% *}-e2e-next ${first#* }"
  start_shoppers rollback "$lb"
  wait_shoppers rollback 50 || { stop_shoppers rollback; return 1; }
  t=$SECONDS
  playbook playbooks/rolling-update.yml --tags app -e "rolling_update_jar=$jar" >"$logs/rollback-next.log" 2>&1 || rc=$?
  out+=("rolling-update.yml to the second release in $((SECONDS - t)) s")
  if ((rc == 0)); then
    for ((i = 0; i < ${#apps[@]}; i++)); do
      h=${apps[i]}
      second_ids+=("$(link_of "$h" current)")
      [[ $(release_of "$h") == "$second" ]] || { rc=1; echo "$h reports $(release_of "$h") after the update, not $second"; }
      [[ ${second_ids[i]} != "${first_ids[i]}" && $(link_of "$h" previous) == "${first_ids[i]}" ]] ||
        { rc=1; echo "$h: current ${second_ids[i]}, previous $(link_of "$h" previous) after the update (before: ${first_ids[i]})"; }
    done
  else
    grep -E -A5 '^(fatal|failed):' "$logs/rollback-next.log" | head -20
  fi
  if ((rc == 0)); then
    wait_shoppers rollback 50 || true
    t=$SECONDS
    playbook playbooks/rollback.yml >"$logs/rollback.log" 2>&1 || { rc=$?; grep -E -A8 '^(fatal|failed):' "$logs/rollback.log" | head -20; }
    out+=("rollback.yml in $((SECONDS - t)) s")
  fi
  wait_shoppers rollback 50 || true
  summary=$(stop_shoppers rollback) || { echo "shoppers through lb1: $summary"; return 1; }
  ((rc == 0)) || return 1
  for ((i = 0; i < ${#apps[@]}; i++)); do
    h=${apps[i]}
    [[ $(release_of "$h") == "$first" ]] || { echo "$h reports $(release_of "$h") after the rollback, not $first"; return 1; }
    [[ $(link_of "$h" current) == "${first_ids[i]}" ]] || { echo "$h: current is $(link_of "$h" current), not ${first_ids[i]}"; return 1; }
    [[ $(link_of "$h" previous) == "${second_ids[i]}" && $(on "$h" "test -s /opt/caddy-backend/releases/${second_ids[i]}/caddy-backend.jar && echo kept") == kept ]] ||
      { echo "$h: previous is '$(link_of "$h" previous)', not the second release ${second_ids[i]} with its jar"; return 1; }
  done
  join_lines "${out[@]}" \
    "every app node: /health/status $first, then $second after the update, $first again after the rollback; current -> ${first_ids[0]}, previous -> ${second_ids[0]} kept (a roll-forward is rollback.yml again)" \
    "shoppers through lb1 during both: $summary"
}
