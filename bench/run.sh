#!/usr/bin/env bash
# `make bench`: starts its own MariaDB, Redis and caddy-backend on free loopback ports in a temporary
# directory, loads a catalog and user pools, warms up, then drives load with wrk, alternating the
# cases over several rounds, and writes bench/report.md (medians over the rounds). Besides the
# steady-state cases (cache hits, a warmed list cache) it has cold ones that are never pre-warmed
# (list-cold, list-deep, search-cold: every cached list page is retired before each of their rounds)
# and a checkout floor (checkout-floor: sysbench runs the minimal checkout SQL, lua/checkout_floor.lua,
# at the same MariaDB, so the report gives the service's orders/s as a ratio to it). Everything it
# started is stopped by pid on exit; the temporary directory is removed. Raw results and logs stay
# in bench/results/<timestamp>/ (git-ignored).
#
# Knobs (environment): BENCH_ROUNDS (3), BENCH_DURATION seconds per case and round (10),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_JFR=1 records a Java Flight Recording of the run
# (perturbs the figures: not for the baseline), BENCH_BUDGET seconds after which remaining rounds
# are skipped (800), BENCH_REPORT where the report goes (bench/report.md), BENCH_JAR the service jar
# (service/target/caddy-backend.jar; to compare two builds in turn), BENCH_CASES a comma-separated
# subset of the cases to run (all; e.g. BENCH_CASES=ping,checkout to iterate on checkout alone: the
# report then says "not measured" for the others, so keep the committed report a full run),
# BENCH_MARIADB_FLAGS extra mariadbd options for experiments (none; the report lists them, and a
# committed report must not weaken durability, e.g. --innodb-flush-log-at-trx-commit=2).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar=${BENCH_JAR:-$root/service/target/caddy-backend.jar}
config="$root/service/config/production.yml"

rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
budget=${BENCH_BUDGET:-800}
report=${BENCH_REPORT:-$here/report.md}

# The data set. Products 1..hot_max are the popular set read by the cache-hit case, the cold case
# reads hot_max+1..catalog (each id once per round), the checkout case buys from its own products.
categories=20
catalog=50000
hot_max=10000
stocked_min=$((catalog + 1)) stocked_max=$((catalog + 100)) stocked_stock=2000
scarce_min=$((catalog + 101)) scarce_max=$((catalog + 110)) scarce_stock=20
products_total=$scarce_max
login_users=200 cart_users=256 buyers=512 customers=10000
password=bench-password-not-a-secret

for tool in wrk sysbench mariadbd mariadb-install-db mariadb redis-server redis-cli curl jq java jcmd python3 openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make deps installs it)" >&2; exit 1; }
done
[[ -f $jar ]] || { echo "bench: $jar is missing; run make build" >&2; exit 1; }

# A short path: the MariaDB socket path must stay under 107 bytes.
work=$(mktemp -d /tmp/caddy-bench.XXXXXX)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$here/results/$stamp"
mkdir -p "$results" "$work/mariadb" "$work/redis" "$work/logs" "$work/uploads" "$work/tokens"
out="$results/results.jsonl"
: >"$out"

pids=()
service_pid=""
storm_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $storm_pid ]]; then
    kill "$storm_pid" 2>/dev/null || true
    wait "$storm_pid" 2>/dev/null || true
  fi
  # The service first (it drains in-flight requests, which still need MariaDB and Redis), then the rest.
  if [[ -n $service_pid ]]; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  # Keep the service's logs with the results, then drop the temporary directory.
  cp -r "$work/logs" "$results/service-logs" 2>/dev/null || true
  cp "$work/mariadb/error.log" "$results/mariadb-error.log" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken_ports=" "
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 30000))
    if [[ $taken_ports != *" $port "* ]] && port_free "$port"; then
      taken_ports+="$port "
      echo "$port"
      return
    fi
  done
}
wait_for() { # description, seconds, command... (WAIT_PID: give up as soon as that process has exited)
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [[ -n ${WAIT_PID:-} ]] && ! kill -0 "$WAIT_PID" 2>/dev/null; then
      log "$what: the process exited while starting; its output is in $results"
      exit 1
    fi
    if ((SECONDS > deadline)); then
      log "timed out waiting for $what"
      exit 1
    fi
    sleep 0.2
  done
}

db_port=$(free_port)
redis_port=$(free_port)
app_port=$(free_port)
admin_port=$(free_port)
smtp_port=$(free_port)
api="http://127.0.0.1:$app_port"
admin="http://127.0.0.1:$admin_port"
socket="$work/mariadb/mysqld.sock"
db_name=caddy_bench
db_user=caddy_bench
db_password=$(openssl rand -hex 16)
redis_password=$(openssl rand -hex 16)
jwt_secret=$(openssl rand -base64 48)
webhook_secret=$(openssl rand -hex 32)

sql() { mariadb --no-defaults --socket="$socket" -uroot --batch --skip-column-names "$@"; }
rcli() { REDISCLI_AUTH=$redis_password redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }

# The machine may be shared: the 1-minute load average goes into the report at start, per round, at end.
load() { cut -d' ' -f1 /proc/loadavg; }
load_start=$(load)
load_rounds=""

# ---- MariaDB and Redis ------------------------------------------------------------------------
log "MariaDB on 127.0.0.1:$db_port, Redis on 127.0.0.1:$redis_port (temporary directory $work)"
user_flag=()
[[ $(id -u) -eq 0 ]] && user_flag=(--user=root)
mariadb-install-db --no-defaults --datadir="$work/mariadb/data" --auth-root-authentication-method=socket \
  --skip-test-db "${user_flag[@]}" >"$work/mariadb/install.log" 2>&1
# InnoDB keeps its defaults for durability (flush at every commit); the buffer pool holds the data set.
# Its temporary files in the bench's own directory: a shared /tmp may be cleaned under a running server.
mkdir -p "$work/mariadb/tmp"
mariadbd --no-defaults --datadir="$work/mariadb/data" --port="$db_port" --bind-address=127.0.0.1 \
  --tmpdir="$work/mariadb/tmp" --socket="$socket" --pid-file="$work/mariadb/mariadbd.pid" --log-error="$work/mariadb/error.log" \
  --skip-name-resolve --character-set-server=utf8mb4 --innodb-buffer-pool-size=512M \
  --max-connections=500 "${user_flag[@]}" ${BENCH_MARIADB_FLAGS:-} &
pids+=($!)
wait_for "MariaDB" 60 sql -e 'SELECT 1'
sql <<SQL
CREATE DATABASE \`$db_name\` CHARACTER SET utf8mb4;
CREATE USER '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON \`$db_name\`.* TO '$db_user'@'127.0.0.1';
CREATE DATABASE bench_meta;
CREATE DATABASE bench_floor;
SQL

# Redis as a cache and rate-limit store: no persistence (the bench never restarts it).
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis" --save "" --appendonly no \
  --requirepass "$redis_password" --daemonize no --logfile "$work/redis/redis.log" &
pids+=($!)
wait_for "Redis" 20 rcli ping

# A mail catcher (Debian's aiosmtpd, as make run uses): production sends mail, and each order queues
# its confirmation, which the service's sender then delivers here during the checkout case.
mkdir -p "$work/mail"
/usr/bin/python3 "$root/scripts/mail-catcher.py" --listen "127.0.0.1:$smtp_port" --dir "$work/mail" \
  >"$work/mail-catcher.log" 2>&1 &
pids+=($!)
wait_for "the mail catcher" 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$smtp_port"

# ---- the service's environment: production settings, loopback, huge general rate limits -------
export APP_ENV=production HOST=127.0.0.1 PORT=$app_port ADMIN_HOST=127.0.0.1 ADMIN_PORT=$admin_port
export DB_HOST=127.0.0.1 DB_PORT=$db_port DB_DATABASE=$db_name DB_USERNAME=$db_user DB_PASSWORD=$db_password
export DB_SSL_MODE=DISABLED REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port REDIS_PASSWORD=$redis_password
export JWT_SECRET=$jwt_secret LOG_DIR="$work/logs" UPLOAD_PATH="$work/uploads" LOG_FORMAT=text
# Production refuses to start without the payment provider's webhook secret and the shop's address.
export PAYMENTS_WEBHOOK_SECRET=$webhook_secret SHOP_BASE_URL=https://shop.bench.test
# ... and without SMTP: the catcher above, on loopback without TLS. The production check wants a
# login, so the service has one; the catcher offers no AUTH, and a client only logs in where the
# server offers it.
export SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp_port SMTP_TRANSPORT=plain
export SMTP_USER=bench@shop.bench.test SMTP_PASS=bench-not-a-secret-0123456789
export SMTP_FROM=shop@shop.bench.test
# The load generator is one client address: the per-address limits would stop the bench itself.
export THROTTLER_LIMIT=100000000 THROTTLER_TTL=60 THROTTLER_LOGIN_LIMIT=100000000
export THROTTLER_LOGIN_ADDRESS_LIMIT=100000000 THROTTLER_LOGIN_ACCOUNT_LIMIT=100000000
export THROTTLER_REGISTER_LIMIT=100000000 THROTTLER_SEARCH_LIMIT=100000000
# wrk connects straight to the service: no proxy in front (production refuses an empty list).
export TRUSTED_PROXIES=none
# The tokens are taken once before the rounds: they must outlive a slow run (the default is 15m).
export JWT_EXPIRES_IN=2h
unset PASSWORD_HASH_COST HTTP_MAX_THREADS DB_POOL_SIZE REDIS_POOL_SIZE CONSOLE_LOG_LEVEL

log "migrating"
java -jar "$jar" migrate "$config" >"$results/migrate.log" 2>&1 || {
  log "migrate failed ($results/migrate.log):"
  grep -v '^\s*at ' "$results/migrate.log" | tail -n 8 >&2
  exit 1
}

# ---- data: catalog and users in bulk SQL -------------------------------------------------------
log "loading $products_total products in $categories categories and $((login_users + cart_users + buyers + customers)) users"
hash12=$(java -cp "$jar" "$here/BcryptHash.java" 12 "$password")
hash4=$(java -cp "$jar" "$here/BcryptHash.java" 4 "$password")
sql "$db_name" <<SQL
SET @nouns = 'Driver,Fairway Wood,Hybrid,Iron Set,Wedge,Putter,Golf Balls,Glove,Golf Shoes,Stand Bag,Cart Bag,Travel Cover,Headcover,Rangefinder,GPS Watch,Polo Shirt,Rain Jacket,Cap,Umbrella,Training Aid';
SET @slugs = 'drivers,fairway-woods,hybrids,irons,wedges,putters,balls,gloves,shoes,stand-bags,cart-bags,travel-covers,headcovers,rangefinders,gps-watches,polo-shirts,outerwear,caps,umbrellas,training-aids';
INSERT INTO categories (id, slug, name, sort_order)
SELECT seq, SUBSTRING_INDEX(SUBSTRING_INDEX(@slugs, ',', seq), ',', -1),
       CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(@nouns, ',', seq), ',', -1), 's'), seq
FROM seq_1_to_$categories;
INSERT INTO products (id, category_id, sku, name, description, price, stock, created_at, updated_at)
SELECT seq, 1 + seq % $categories, CONCAT('BENCH-', LPAD(seq, 6, '0')),
       CONCAT(ELT(1 + seq % 13, 'Tour', 'Pro', 'Classic', 'Lite', 'Premium', 'Junior', 'Links', 'Eagle',
                  'Birdie', 'Albatross', 'Fairway', 'Carbon', 'Titan'), ' ',
              SUBSTRING_INDEX(SUBSTRING_INDEX(@nouns, ',', 1 + seq % $categories), ',', -1), ' ', seq),
       CONCAT('Model ', seq, ' of our ', LOWER(SUBSTRING_INDEX(SUBSTRING_INDEX(@nouns, ',', 1 + seq % $categories), ',', -1)),
              ' range. Built for golfers who want consistent performance round after round: durable materials, ',
              'a comfortable feel and a finish that lasts. Free returns within 30 days; two-year warranty.'),
       5 + (seq * 7919 % 60000) / 100,
       CASE WHEN seq BETWEEN $stocked_min AND $stocked_max THEN $stocked_stock
            WHEN seq BETWEEN $scarce_min AND $scarce_max THEN $scarce_stock
            ELSE 50 + seq * 37 % 450 END,
       NOW(3) - INTERVAL (seq * 13 % 525600) MINUTE, NOW(3) - INTERVAL (seq * 13 % 525600) MINUTE
FROM seq_1_to_$products_total;
-- Verified addresses, as shoppers who opened their verification mail: checkout refuses the others.
INSERT INTO users (email, password_hash, role, status, email_verified_at)
SELECT CONCAT('login-', seq, '@bench.caddyshop.test'), '$hash12', 'CUSTOMER', 'ACTIVE', NOW(3) FROM seq_1_to_$login_users;
INSERT INTO users (email, password_hash, role, status, email_verified_at)
SELECT CONCAT('cart-', seq, '@bench.caddyshop.test'), '$hash4', 'CUSTOMER', 'ACTIVE', NOW(3) FROM seq_1_to_$cart_users;
INSERT INTO users (email, password_hash, role, status, email_verified_at)
SELECT CONCAT('buyer-', seq, '@bench.caddyshop.test'), '$hash4', 'CUSTOMER', 'ACTIVE', NOW(3) FROM seq_1_to_$buyers;
INSERT INTO users (email, password_hash, role, status, email_verified_at)
SELECT CONCAT('customer-', seq, '@bench.caddyshop.test'), '$hash4', 'CUSTOMER', 'ACTIVE', NOW(3) FROM seq_1_to_$customers;
INSERT INTO user_profiles (user_id, display_name, country)
SELECT id, SUBSTRING_INDEX(email, '@', 1), 'FR' FROM users;
-- Carts of the cart-case users: three popular products each.
INSERT IGNORE INTO cart_items (user_id, product_id, quantity)
SELECT u.id, 1 + (u.id * k.f) % $hot_max, 1 + k.seq
FROM users u JOIN (SELECT seq, ELT(seq, 7, 13, 29) AS f FROM seq_1_to_3) k
WHERE u.email LIKE 'cart-%';
-- Each product's stock opens its ledger, as a product created through the API has it: the service's
-- consistency check compares stock with the ledger (without these rows it reported every product).
INSERT INTO inventory_ledger (product_id, delta, kind, reason)
SELECT id, stock, 'OPENING', 'bench catalogue' FROM products WHERE stock <> 0;
ANALYZE TABLE products, users, cart_items;
-- The stock before any request: the checkout check compares against it.
CREATE TABLE bench_meta.initial_stock AS SELECT id, stock FROM products;
SQL
sql "$db_name" -e "SELECT COUNT(*), COUNT(DISTINCT category_id) FROM products" >"$results/catalog.txt"
# The products' name index (search), as the service writes it with each product (ProductDao.indexName;
# migration 023): every trigram of the lower-cased name and its last two characters. Skipped for a
# jar from before the index (BENCH_JAR of an older build).
if [[ $(sql "$db_name" -e "SHOW TABLES LIKE 'product_name_grams'") == product_name_grams ]]; then
  sql "$db_name" -e "INSERT INTO product_name_grams (gram, product_id)
    SELECT DISTINCT CAST(SUBSTRING(LOWER(p.name), n.seq, 3) AS BINARY), p.id FROM products p
    JOIN seq_1_to_200 n ON n.seq <= GREATEST(CHAR_LENGTH(p.name) - 1, 1) WHERE p.active = 1;
    ANALYZE TABLE product_name_grams;" >/dev/null
fi

# The checkout floor's schema: empty copies of the tables a checkout writes, and the stocked
# products with a stock that never runs out (the floor measures the SQL, not selling out).
sql <<SQL
CREATE TABLE bench_floor.products LIKE \`$db_name\`.products;
CREATE TABLE bench_floor.cart_items LIKE \`$db_name\`.cart_items;
CREATE TABLE bench_floor.orders LIKE \`$db_name\`.orders;
CREATE TABLE bench_floor.order_items LIKE \`$db_name\`.order_items;
INSERT INTO bench_floor.products SELECT * FROM \`$db_name\`.products WHERE id BETWEEN $stocked_min AND $stocked_max;
UPDATE bench_floor.products SET stock = 100000000;
SQL

# ---- the service -------------------------------------------------------------------------------
jfr_flags=()
if [[ ${BENCH_JFR:-0} == 1 ]]; then
  # Jersey's request stacks are deeper than JFR's default 64 frames: cut there, a sample loses the
  # resource method it was spent under.
  jfr_flags=("-XX:FlightRecorderOptions=stackdepth=256" "-XX:StartFlightRecording=filename=$results/bench.jfr,settings=profile")
fi
log "starting caddy-backend on 127.0.0.1:$app_port (admin $admin_port), service/config/jvm.options, -Xmx512m"
java @"$root/service/config/jvm.options" -Xmx512m "-Xlog:gc*:file=$results/gc.log:uptime,level,tags" "${jfr_flags[@]}" \
  -jar "$jar" server "$config" >"$results/service-stdout.log" 2>&1 &
service_pid=$!
WAIT_PID=$service_pid wait_for "the service's /health" 300 curl -fsS "$api/health"

# Bearer tokens through the real login endpoint (these pools carry a cost-4 hash so that logging in
# hundreds of them takes seconds; the login case itself uses cost-12 accounts).
login_pool() { # prefix count file
  local prefix=$1 count=$2 file=$3 cfg="$work/tokens/$1.curl"
  : >"$cfg"
  for ((n = 1; n <= count; n++)); do
    ((n == 1)) || echo next >>"$cfg"
    printf 'url = "%s/api/auth/login"\nsilent\nshow-error\nheader = "Content-Type: application/json"\ndata = "{\\"email\\":\\"%s-%d@bench.caddyshop.test\\",\\"password\\":\\"%s\\"}"\noutput = "%s/tokens/%s-%d.json"\n' \
      "$api" "$prefix" "$n" "$password" "$work" "$prefix" "$n" >>"$cfg"
  done
  curl --no-progress-meter --parallel --parallel-max 8 -K "$cfg"
  # One jq for all the answers (a process per token took minutes on a busy machine).
  local files=()
  for ((n = 1; n <= count; n++)); do
    files+=("$work/tokens/$prefix-$n.json")
  done
  jq -r .accessToken "${files[@]}" >"$file"
  if grep -qvx '[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*' "$file" || (($(wc -l <"$file") != count)); then
    log "login of the $prefix pool failed; see $work/tokens"
    exit 1
  fi
}
log "logging in $cart_users cart users and $buyers buyers for tokens"
login_pool cart "$cart_users" "$work/cart-tokens.txt"
login_pool buyer "$buyers" "$work/buyer-tokens.txt"

# Search texts: adjective and noun pairs, single words and numbers, URL-encoded.
terms="$work/search-terms.txt"
{
  for adjective in tour pro classic lite premium junior links eagle birdie carbon; do
    for noun in driver wedge putter glove cap "golf%20balls" "stand%20bag" "polo%20shirt"; do
      echo "$adjective%20$noun"
    done
  done
  for word in driver hybrid iron wedge putter balls glove shoes bag cover headcover rangefinder watch shirt jacket cap umbrella aid titan albatross; do
    echo "$word"
  done
  for number in 12 345 777 2024 4999 31337; do echo "$number"; done
} >"$terms"

category_slugs=$(sql "$db_name" -e "SELECT GROUP_CONCAT(slug ORDER BY id) FROM categories")
# The words product names are made of (the cold-search case combines them with model numbers).
search_words=tour,pro,classic,lite,premium,junior,links,eagle,birdie,albatross,fairway,carbon,titan
search_words+=,driver,wood,hybrid,iron,set,wedge,putter,golf,balls,glove,shoes,stand,cart,bag,travel,cover
search_words+=,headcover,rangefinder,gps,watch,polo,shirt,rain,jacket,cap,umbrella,training,aid
# The deepest page the service serves by number; deeper ones are asked for with an after= cursor.
page_limit=100
# The list case reads the first $pages pages of each category (every page of a category would be
# 125 pages; their cache entries, 60 s TTL, would all expire between two rounds).
pages=10
category_pages=$(((catalog / categories + 19) / 20))

export BENCH_LUA="$here/lua" BENCH_OUT="$out" BENCH_PASSWORD="$password"

# ---- helpers -----------------------------------------------------------------------------------
# Cache counters from the admin port's Prometheus text: product hits, misses, list hits, misses.
cache_counters() {
  curl -fsS "$admin/prometheus" | awk '
    /^caddy_cache_hits(_total)? / {h=$2} /^caddy_cache_misses(_total)? / {m=$2}
    /^caddy_cache_list_hits(_total)? / {lh=$2} /^caddy_cache_list_misses(_total)? / {lm=$2}
    END {printf "%d %d %d %d\n", h, m, lh, lm}'
}
# Runs wrk for one case and round; records the service cache counters' deltas next to the result.
# Debian's wrk 4.1.0 sometimes dies as it starts its threads (a segfault or a LuaJIT "PANIC: unprotected
# error", seen only with the checkout case's 32 threads, in about one run in four): a wrk that died
# within its first 3 seconds is run once more, with the cache and CPU counters taken afresh (the
# round's database counters still include the dead run's moment). A checkout run that died counts as a
# run for the 'no lost order' check: its few orders were never reported by wrk.
run_wrk() { # case round script wrk-args...
  local case=$1 round=$2 script=$3
  shift 3
  local before after started attempt
  for attempt in 1 2; do
    before="$(cache_counters) $(cpu_counters)"
    started=$SECONDS
    BENCH_CASE=$case BENCH_ROUND=$round timeout $((duration + 60)) \
      wrk "$@" -d "${duration}s" --latency -s "$here/lua/$script" >>"$results/wrk.log" 2>&1 && break
    log "wrk for $case (round $round) failed after $((SECONDS - started)) s; see wrk.log"
    ((attempt == 1 && SECONDS - started < 3)) || break
    [[ $case == checkout ]] && checkout_runs=$((checkout_runs + 1))
    wrk_restarts=$((wrk_restarts + 1))
    log "wrk died as it started; running $case (round $round) once more"
  done
  after="$(cache_counters) $(cpu_counters)"
  record_cache "$case" "$round" "$before" "$after"
}
record_cache() { # case round before after
  local -a b a
  read -r -a b <<<"$3"
  read -r -a a <<<"$4"
  printf '{"case":"%s","round":%d,"cache":{"hits":%d,"misses":%d,"list_hits":%d,"list_misses":%d},' \
    "$1" "$2" $((a[0] - b[0])) $((a[1] - b[1])) $((a[2] - b[2])) $((a[3] - b[3])) >>"$out"
  printf '"cpu":{"service":%d,"redis":%d,"mariadb":%d,"machine":%d}}\n' \
    $((a[4] - b[4])) $((a[5] - b[5])) $((a[6] - b[6])) $((a[7] - b[7])) >>"$out"
}
# CPU time in clock ticks of the service, Redis and MariaDB, and of the whole machine (busy time of
# every CPU, from /proc/stat): what one request costs each part, wrk and the kernel included in the last.
cpu_counters() {
  local -a cpu
  read -r -a cpu </proc/stat
  echo "$(cpu_ticks "$service_pid") $(cpu_ticks "${pids[1]}") $(cpu_ticks "${pids[0]}")" \
    $((cpu[1] + cpu[2] + cpu[3] + cpu[6] + cpu[7] + cpu[8]))
}
# MariaDB's own statement and commit counters (server-wide; the bench is its only client), so that
# the report can say how many statements and round trips one checkout costs.
db_status_names="Questions Com_select Com_insert Com_update Com_delete Com_commit Com_rollback Com_set_option Innodb_data_fsyncs"
cpu_names="service_cpu_ticks mariadb_cpu_ticks redis_cpu_ticks"
db_counters() {
  local name out=""
  for name in $db_status_names; do
    out+="$(sql -e "SHOW GLOBAL STATUS LIKE '$name'" | cut -f2) "
  done
  # CPU time (user + system, clock ticks) of the service, MariaDB and Redis: on a shared machine the
  # CPU each order costs is a steadier figure than the orders per second.
  for pid in "$service_pid" "${pids[0]}" "${pids[1]}"; do
    out+="$(cpu_ticks "$pid") "
  done
  echo "$out"
}
cpu_ticks() { # pid
  local stat
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }
  read -r -a f <<<"$stat"
  echo $((f[11] + f[12]))
}
record_db() { # case round before after
  local -a b a
  read -r -a b <<<"$3"
  read -r -a a <<<"$4"
  local i=0 name fields=""
  for name in $db_status_names $cpu_names; do
    fields+="${fields:+,}\"$name\":$((a[i] - b[i]))"
    i=$((i + 1))
  done
  printf '{"case":"%s","round":%d,"db":{%s}}\n' "$1" "$2" "$fields" >>"$out"
}
# Reads every product of the popular set once, so the cache-hit case measures a warm cache (the
# product TTL, 5 min, is shorter than the whole run).
warm_products() {
  curl -sS --no-progress-meter --parallel --parallel-max 16 -o /dev/null -w '%{http_code}\n' "$api/api/products/[1-$hot_max]" |
    sort | uniq -c | tr -s '\n ' ' '
}
# Reads every list page of the list case and every search text once (the list cache TTL is 60 s).
warm_lists() {
  # A new list generation first (what an admin write does): every page is computed afresh, so none
  # of them expires (60 s TTL) while the list and search cases run.
  rcli INCR "caddy:$db_name:catalog:v1:list:generation" >/dev/null
  curl -sS --no-progress-meter --parallel --parallel-max 16 -o /dev/null -w '%{http_code}\n' \
    "$api/api/products?page=[1-$pages]&size=20&category={$category_slugs}" -o /dev/null \
    "$api/api/products?q={$(paste -sd, "$terms")}" | sort | uniq -c | tr -s '\n ' ' '
}
# Retires every cached list page and total (one INCR, what an admin write does): the cold cases
# start every round with nothing cached, as after a deploy or an admin edit.
retire_lists() {
  rcli INCR "caddy:$db_name:catalog:v1:list:generation" >/dev/null
}
# The checkout floor: sysbench runs the minimal checkout SQL (lua/checkout_floor.lua) at MariaDB with
# as many threads as the checkout case has connections; statements, commits and CPU per order as
# for the service's checkout.
checkout_floor() { # round
  local round=$1 db_before
  sql bench_floor -e "DELETE FROM cart_items"
  db_before=$(db_counters)
  python3 "$here/floor.py" "$out" checkout-floor "$round" "$results/sysbench.log" -- \
    sysbench "$here/lua/checkout_floor.lua" --db-driver=mysql --mysql-socket="$socket" --mysql-user=root \
    --mysql-db=bench_floor --threads="$connections" --time="$duration" --percentile=99 --report-interval=0 \
    --buyers="$buyers" --product-min="$stocked_min" --product-max="$stocked_max" run ||
    log "the checkout floor (sysbench) failed; see sysbench.log"
  record_db checkout-floor "$round" "$db_before" "$(db_counters)"
}
# Drops the cached copies of the cold case's products (one Lua script, one round trip).
flush_cold() {
  rcli EVAL "for i = tonumber(ARGV[2]), tonumber(ARGV[3]) do redis.call('UNLINK', ARGV[1] .. i) end return 1" \
    0 "caddy:$db_name:catalog:v1:product:" "$((hot_max + 1))" "$catalog" >/dev/null
}
# Empties the buyers' carts (a round that stopped mid-flow may leave a line behind).
clear_buyer_carts() {
  sql "$db_name" -e "DELETE c FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email LIKE 'buyer-%'"
}

# A 10 s timeout so that slow answers count as latency, not as socket errors (login: 20 s).
common=(-t "$threads" -c "$connections" --timeout 10s)

run_case() { # case round
  local case=$1 round=$2
  case $case in
    ping) BENCH_PATH=/ping run_wrk ping "$round" static.lua "${common[@]}" "$admin" ;;
    product-hit)
      warm_products >/dev/null
      BENCH_ID_MIN=1 BENCH_ID_MAX=$hot_max run_wrk product-hit "$round" product_random.lua "${common[@]}" "$api" ;;
    product-cold)
      flush_cold
      BENCH_ID_MIN=$((hot_max + 1)) BENCH_ID_MAX=$catalog run_wrk product-cold "$round" product_cold.lua "${common[@]}" "$api" ;;
    list)
      warm_lists >/dev/null
      BENCH_CATEGORIES=$category_slugs BENCH_PAGES=$pages run_wrk list "$round" list.lua "${common[@]}" "$api" ;;
    search) BENCH_TERMS=$terms run_wrk search "$round" search.lua "${common[@]}" "$api" ;;
    list-cold | list-deep)
      retire_lists
      BENCH_CATEGORIES=$category_slugs BENCH_CATALOG=$products_total BENCH_CATEGORY_PAGES=$category_pages \
        BENCH_PAGE_LIMIT=$page_limit BENCH_ID_MAX=$products_total BENCH_DEEP=$([[ $case == list-deep ]] && echo 1 || echo 0) \
        run_wrk "$case" "$round" list_cold.lua "${common[@]}" "$api" ;;
    search-cold)
      retire_lists
      BENCH_WORDS=$search_words BENCH_ID_MAX=$products_total run_wrk search-cold "$round" search_cold.lua "${common[@]}" "$api" ;;
    checkout-floor) checkout_floor "$round" ;;
    cart) BENCH_TOKENS="$work/cart-tokens.txt" run_wrk cart "$round" cart.lua "${common[@]}" "$api" ;;
    checkout)
      clear_buyer_carts
      checkout_runs=$((checkout_runs + 1))
      local db_before
      db_before=$(db_counters)
      BENCH_TOKENS="$work/buyer-tokens.txt" BENCH_STOCKED_MIN=$stocked_min BENCH_STOCKED_MAX=$stocked_max \
        BENCH_SCARCE_MIN=$scarce_min BENCH_SCARCE_MAX=$scarce_max \
        run_wrk checkout "$round" checkout.lua -t "$connections" -c "$connections" --timeout 10s "$api"
      record_db checkout "$round" "$db_before" "$(db_counters)" ;;
    login) BENCH_LOGIN_USERS=$login_users run_wrk login "$round" login.lua -t "$threads" -c "$connections" --timeout 20s "$api" ;;
    storm)
      # The cache-hit catalog read and a login storm at once, each with its own connections.
      warm_products >/dev/null
      BENCH_CASE=storm-login BENCH_ROUND=$round BENCH_LOGIN_USERS=$login_users timeout $((duration + 60)) \
        wrk -t "$threads" -c "$connections" --timeout 20s -d "${duration}s" --latency -s "$here/lua/login.lua" "$api" \
        >>"$results/wrk.log" 2>&1 &
      storm_pid=$!
      BENCH_ID_MIN=1 BENCH_ID_MAX=$hot_max run_wrk storm-catalog "$round" product_random.lua "${common[@]}" "$api"
      wait "$storm_pid" || log "the login storm's wrk failed; see wrk.log"
      storm_pid=""
      ;;
  esac
}

checkout_runs=0
wrk_restarts=0
cases=(ping product-hit product-cold list search list-cold list-deep search-cold cart checkout checkout-floor login storm)
if [[ -n ${BENCH_CASES:-} ]]; then
  IFS=, read -r -a wanted <<<"$BENCH_CASES"
  for case in "${wanted[@]}"; do
    [[ " ${cases[*]} " == *" $case "* ]] || { echo "bench: unknown case '$case' in BENCH_CASES (known: ${cases[*]})" >&2; exit 1; }
  done
  cases=("${wanted[@]}")
fi
selected() { [[ " ${cases[*]} " == *" $1 "* ]]; }

# ---- warm-up: every case once, shortly (JIT, pools, caches); results kept apart as round 0 ------
warm_lists_seconds=0
if selected product-hit || selected storm; then
  log "warming up: first reads of the popular products"
  start=$SECONDS
  log "popular products: $(warm_products) in $((SECONDS - start)) s"
fi
if selected list || selected search; then
  start=$SECONDS
  log "list pages and searches, uncached: $(warm_lists) in $((SECONDS - start)) s"
  warm_lists_seconds=$((SECONDS - start))
fi
log "warm-up pass of every case, 5 s each"
saved_duration=$duration
duration=5
for case in "${cases[@]}"; do
  run_case "$case" 0
done
duration=$saved_duration

# ---- measured rounds ---------------------------------------------------------------------------
completed=0
round_seconds=0
for ((round = 1; round <= rounds; round++)); do
  if ((SECONDS + round_seconds > budget)); then
    log "a round takes ${round_seconds}s and the budget is ${budget}s: skipping rounds $round..$rounds"
    break
  fi
  round_start=$SECONDS
  load_rounds+="$(load) "
  for case in "${cases[@]}"; do
    log "round $round/$rounds: $case"
    run_case "$case" "$round"
    sleep 1
  done
  completed=$round
  round_seconds=$((SECONDS - round_start))
done

# ---- after the run: consistency, memory, GC ----------------------------------------------------
# awk, not head: head would exit early and, under pipefail, a long process list would fail the run (SIGPIPE).
ps -eo pid,pcpu,etime,args --sort=-pcpu | cut -c1-160 | awk "NR <= 15" >"$results/top-processes.txt"
log "checking stock against orders"
sql "$db_name" >"$results/consistency.tsv" <<'SQL'
SELECT 'orders', COUNT(*) FROM orders
UNION ALL SELECT 'order_items', COUNT(*) FROM order_items
UNION ALL SELECT 'ordered_units', COALESCE(SUM(quantity), 0) FROM order_items
UNION ALL SELECT 'stock_taken', COALESCE(SUM(s.stock - p.stock), 0) FROM bench_meta.initial_stock s JOIN products p ON p.id = s.id
UNION ALL SELECT 'products_where_stock_taken_differs_from_ordered', COUNT(*)
  FROM bench_meta.initial_stock s JOIN products p ON p.id = s.id
  LEFT JOIN (SELECT product_id, SUM(quantity) AS q FROM order_items GROUP BY product_id) o ON o.product_id = s.id
  WHERE s.stock - p.stock <> COALESCE(o.q, 0)
UNION ALL SELECT 'negative_stock', COUNT(*) FROM products WHERE stock < 0
UNION ALL SELECT 'orders_without_items', COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)
UNION ALL SELECT 'items_without_order', COUNT(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id)
UNION ALL SELECT 'orders_whose_item_count_differs', COUNT(*) FROM orders o
  WHERE o.item_count <> (SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id)
UNION ALL SELECT 'order_mails', COUNT(*) FROM mail_outbox WHERE kind = 'ORDER_PLACED'
UNION ALL SELECT 'mails_sent', COUNT(*) FROM mail_outbox WHERE status = 'SENT'
UNION ALL SELECT 'mails_waiting', COUNT(*) FROM mail_outbox WHERE status = 'QUEUED'
UNION ALL SELECT 'mails_failed', COUNT(*) FROM mail_outbox WHERE status = 'FAILED';
SQL
# What the catcher received: a mail the outbox marks SENT must be here.
printf 'mails_received\t%s\n' "$(find "$work/mail" -name '*.eml' | wc -l)" >>"$results/consistency.tsv"
sql "$db_name" -e "SELECT 'scarce_products_sold_out', COUNT(*) FROM products WHERE id BETWEEN $scarce_min AND $scarce_max AND stock = 0;
SELECT 'scarce_units_ordered', COALESCE(SUM(quantity), 0) FROM order_items WHERE product_id BETWEEN $scarce_min AND $scarce_max;
SELECT 'scarce_initial_stock', SUM(stock) FROM bench_meta.initial_stock WHERE id BETWEEN $scarce_min AND $scarce_max;" \
  >>"$results/consistency.tsv"
curl -sS -X POST "$admin/tasks/consistency-check" >"$results/consistency-task.txt" 2>&1 || true

log "recording memory"
curl -fsS "$admin/prometheus" | grep -E '^jvm_memory_(bytes_used|used_bytes)?.*heap' >"$results/prometheus-memory.txt" || true
curl -fsS "$admin/prometheus" | grep -E '^jvm_memory_heap_(used|committed|max) ' >>"$results/prometheus-memory.txt" || true
jcmd "$service_pid" GC.heap_info >"$results/heap-info.txt" 2>&1 || true
grep -E '^(VmRSS|VmHWM)' "/proc/$service_pid/status" >"$results/rss.txt"
if [[ ${BENCH_JFR:-0} == 1 ]]; then
  jcmd "$service_pid" JFR.dump filename="$results/bench.jfr" >/dev/null 2>&1 || true
fi
grep -c 'OutOfMemoryError' "$work/logs/app.log" "$work/logs/error.log" "$results/service-stdout.log" \
  >"$results/oom.txt" 2>/dev/null || true
wc -l <"$work/logs/access.log" >"$results/access-log-lines.txt"

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "clk_tck=$(getconf CLK_TCK)"
  echo "kernel=$(uname -r)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "mariadb=$(mariadbd --version | sed 's/.*Ver //')"
  echo "redis=$(redis-server --version | cut -d' ' -f3)"
  echo "git=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
  # What was measured is the jar (BENCH_JAR may be another build): the commit its manifest names.
  echo "jar=$(python3 -c 'import sys, zipfile
m = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode().replace("\r\n", "\n").replace("\n ", "")
print(next((l.split(": ", 1)[1].strip() for l in m.splitlines() if l.startswith("Implementation-Version: ")), "unknown"))' "$jar" 2>/dev/null || echo unknown)"
  echo "rounds=$completed"
  echo "rounds_planned=$rounds"
  echo "duration=$duration"
  echo "connections=$connections"
  echo "threads=$threads"
  echo "catalog=$catalog"
  echo "products_total=$products_total"
  echo "categories=$categories"
  echo "hot_max=$hot_max"
  echo "pages=$pages"
  echo "category_pages=$category_pages"
  echo "page_limit=$page_limit"
  echo "warm_lists_seconds=$warm_lists_seconds"
  echo "list_keys=$((pages * categories))"
  echo "checkout_runs=$checkout_runs"
  echo "wrk_restarts=$wrk_restarts"
  echo "search_terms=$(wc -l <"$terms")"
  echo "stocked=$stocked_min-$stocked_max x $stocked_stock"
  echo "scarce=$scarce_min-$scarce_max x $scarce_stock"
  echo "users=$((login_users + cart_users + buyers + customers))"
  echo "login_users=$login_users"
  echo "cart_users=$cart_users"
  echo "buyers=$buyers"
  echo "elapsed=$SECONDS"
  echo "load_start=$load_start"
  echo "load_rounds=$load_rounds"
  echo "load_end=$(load)"
  echo "mariadb_flags=${BENCH_MARIADB_FLAGS:-}"
} >"$results/meta.env"

python3 "$here/report.py" "$results" >"$report"
cp "$report" "$results/report.md"
cat "$report"
log "raw results in ${results#"$root"/}; report in ${report#"$root"/}"
