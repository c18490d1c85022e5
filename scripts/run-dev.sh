#!/usr/bin/env bash
# `make run`: MariaDB and Redis as local processes under .run/ (data kept between runs), the
# schema migrated, demo data loaded, then the service on PORT (3000) and ADMIN_PORT (8081).
# Ctrl-C stops every process this script started, by its pid.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run"
jar="$root/service/target/caddy-backend.jar"
config="$root/service/config/production.yml"

# dev.env gives the defaults; a variable already set in the environment wins.
while IFS='=' read -r key value; do
  [[ -z "$key" || "$key" == \#* ]] && continue
  [[ -v $key ]] || export "$key=$value"
done <"$root/service/config/dev.env"
: "${PORT:?}" "${ADMIN_PORT:?}" "${DB_PORT:?}" "${REDIS_PORT:?}" "${DB_DATABASE:?}" "${DB_USERNAME:?}" "${DB_PASSWORD:?}"
export LOG_DIR="$run/logs"
mkdir -p "$run/mariadb" "$run/redis" "$LOG_DIR"

pids=()
stop_all() {
  trap - INT TERM EXIT
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  echo "stopped."
}
trap stop_all INT TERM EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then echo "timed out waiting for $what" >&2; exit 1; fi
    sleep 0.2
  done
}
for port in "$DB_PORT" "$REDIS_PORT" "$PORT" "$ADMIN_PORT"; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is taken; stop what uses it or set it in the environment" >&2; exit 1; }
done

# MariaDB: socket in /tmp, since a deep checkout path would exceed the 107-byte socket limit.
socket="/tmp/caddy-run-$(printf '%s' "$root" | md5sum | cut -c1-12).sock"
user_flag=()
[[ $(id -u) -eq 0 ]] && user_flag=(--user=root)
if [[ ! -d "$run/mariadb/data/mysql" ]]; then
  echo "creating the MariaDB data directory in .run/mariadb"
  mariadb-install-db --no-defaults --datadir="$run/mariadb/data" --auth-root-authentication-method=normal \
    --skip-test-db "${user_flag[@]}" >"$run/mariadb/install.log" 2>&1
fi
mariadbd --no-defaults --datadir="$run/mariadb/data" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --socket="$socket" --pid-file="$run/mariadb/mariadbd.pid" --log-error="$run/mariadb/error.log" \
  --skip-name-resolve --character-set-server=utf8mb4 "${user_flag[@]}" &
pids+=($!)
wait_for "MariaDB on port $DB_PORT" 60 mariadb --no-defaults --socket="$socket" -uroot -e 'SELECT 1'
mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_DATABASE\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USERNAME'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USERNAME'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_DATABASE\`.* TO '$DB_USERNAME'@'127.0.0.1';
SQL

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$run/redis" --appendonly yes \
  --daemonize no --logfile "$run/redis/redis.log" &
pids+=($!)
wait_for "Redis on port $REDIS_PORT" 20 redis-cli -p "$REDIS_PORT" ping

java -jar "$jar" migrate "$config"
[[ -s "$run/admin-password" ]] || (umask 077 && openssl rand -base64 18 | tr -d '/+=' >"$run/admin-password")
admin_email=admin@caddyshop.local
java -jar "$jar" demo-data "$config" --admin-email "$admin_email" --admin-password "$(cat "$run/admin-password")"

java @"$root/service/config/jvm.options" -Xmx512m -jar "$jar" server "$config" &
pids+=($!)
wait_for "the service's /health" 60 curl -fsS "http://127.0.0.1:$PORT/health"

cat <<INFO

caddy-backend is running (Ctrl-C stops everything):
  API            http://127.0.0.1:$PORT/api/        (try: curl -s http://127.0.0.1:$PORT/api/products)
  health         http://127.0.0.1:$PORT/health  /health/status  /health/database  /health/redis
  admin port     http://127.0.0.1:$ADMIN_PORT/healthcheck  /prometheus  /tasks/...
  admin account  $admin_email / $(cat "$run/admin-password")
  logs           .run/logs/app.log  error.log  access.log
  data           .run/mariadb (port $DB_PORT), .run/redis (port $REDIS_PORT)
INFO
wait -n "${pids[@]}"
echo "a process exited; stopping the rest" >&2
