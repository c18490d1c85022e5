#!/usr/bin/env bash
# `make run`: MariaDB and Redis as local processes under .run/ (data kept between runs), a mail
# catcher on SMTP_PORT (1025) writing every mail to .run/mail/ (.eml as sent, .txt decoded), the schema
# migrated, demo data loaded, then the service on PORT (3000) and ADMIN_PORT (8081). With MONITORING=1,
# also Prometheus on PROMETHEUS_PORT (9090) scraping the service with its shipped alert rules.
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
: "${SMTP_HOST:?}" "${SMTP_PORT:?}"
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
wait_for() { # description, log to read when it fails, seconds, command...
  local what=$1 log=$2 seconds=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then echo "timed out waiting for $what; see ${log#"$root"/}" >&2; exit 1; fi
    sleep 0.2
  done
}
mail_ports=()
[[ $SMTP_HOST == 127.0.0.1 ]] && mail_ports=("$SMTP_PORT")
monitoring_ports=()
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
[[ ${MONITORING:-} == 1 ]] && monitoring_ports=("$PROMETHEUS_PORT")
for port in "$DB_PORT" "$REDIS_PORT" "$PORT" "$ADMIN_PORT" "${mail_ports[@]}" "${monitoring_ports[@]}"; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is taken; stop what uses it or set it in the environment" >&2; exit 1; }
done

# MariaDB: socket in /tmp, since a deep checkout path would exceed the 107-byte socket limit.
socket="/tmp/caddy-run-$(printf '%s' "$root" | md5sum | cut -c1-12).sock"
user_flag=()
[[ $(id -u) -eq 0 ]] && user_flag=(--user=root)
if [[ ! -d "$run/mariadb/data/mysql" ]]; then
  echo "creating the MariaDB data directory in .run/mariadb"
  mariadb-install-db --no-defaults --datadir="$run/mariadb/data" --auth-root-authentication-method=normal \
    --skip-test-db "${user_flag[@]}" >"$run/mariadb/install.log" 2>&1 \
    || { echo "creating the MariaDB data directory failed; see .run/mariadb/install.log" >&2; exit 1; }
fi
mariadbd --no-defaults --datadir="$run/mariadb/data" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --socket="$socket" --pid-file="$run/mariadb/mariadbd.pid" --log-error="$run/mariadb/error.log" \
  --skip-name-resolve --character-set-server=utf8mb4 "${user_flag[@]}" &
pids+=($!)
wait_for "MariaDB on port $DB_PORT" "$run/mariadb/error.log" 60 mariadb --no-defaults --socket="$socket" -uroot -e 'SELECT 1'
mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_DATABASE\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USERNAME'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USERNAME'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_DATABASE\`.* TO '$DB_USERNAME'@'127.0.0.1';
SQL

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$run/redis" --appendonly yes \
  --daemonize no --logfile "$run/redis/redis.log" &
pids+=($!)
wait_for "Redis on port $REDIS_PORT" "$run/redis/redis.log" 20 redis-cli -p "$REDIS_PORT" ping

# The mail catcher, unless SMTP_HOST points elsewhere: Debian's aiosmtpd, on loopback only.
if [[ ${#mail_ports[@]} -gt 0 ]]; then
  mkdir -p "$run/mail"
  /usr/bin/python3 "$root/scripts/mail-catcher.py" --listen "127.0.0.1:$SMTP_PORT" --dir "$run/mail" \
    >"$run/mail-catcher.log" 2>&1 &
  pids+=($!)
  wait_for "the mail catcher on port $SMTP_PORT" "$run/mail-catcher.log" 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT"
fi

java -jar "$jar" migrate "$config"
[[ -s "$run/admin-password" ]] || (umask 077 && openssl rand -base64 18 | tr -d '/+=' >"$run/admin-password")
admin_email=admin@caddyshop.local
java -jar "$jar" demo-data "$config" --admin-email "$admin_email" --admin-password "$(cat "$run/admin-password")"

java @"$root/service/config/jvm.options" -Xmx512m -jar "$jar" server "$config" &
pids+=($!)
wait_for "the service's /health" "$LOG_DIR/app.log" 60 curl -fsS "http://127.0.0.1:$PORT/health"

monitoring_info=""
if [[ ${MONITORING:-} == 1 ]]; then
  prometheus_config=$(bash "$root/scripts/dev-prometheus.sh" "$run/prometheus" "$ADMIN_PORT")
  prometheus --config.file="$prometheus_config" --storage.tsdb.path="$run/prometheus/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$run/prometheus/prometheus.log" 2>&1 &
  pids+=($!)
  wait_for "Prometheus on port $PROMETHEUS_PORT" "$run/prometheus/prometheus.log" 30 \
    curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
  monitoring_info="  Prometheus     http://127.0.0.1:$PROMETHEUS_PORT/  (job caddy-backend, the service's alert rules; the
                 dashboards' queries in monitoring/grafana/dashboards/ work here as they are)"
fi

cat <<INFO

caddy-backend is running (Ctrl-C stops everything):
  API            http://127.0.0.1:$PORT/api/        (try: curl -s http://127.0.0.1:$PORT/api/products)
  health         http://127.0.0.1:$PORT/health  /health/status  /health/database  /health/redis
  admin port     http://127.0.0.1:$ADMIN_PORT/healthcheck  /prometheus  /tasks/...
  admin account  $admin_email / $(cat "$run/admin-password")
  logs           .run/logs/app.log  error.log  access.log
  mail           .run/mail/*.txt  (every mail the shop sends, decoded; the .eml beside it as sent)
  data           .run/mariadb (port $DB_PORT), .run/redis (port $REDIS_PORT)
$monitoring_info
INFO
wait -n "${pids[@]}"
echo "a process exited; stopping the rest" >&2
