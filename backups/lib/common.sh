# shellcheck shell=bash
# Shared helpers of the caddy-backend backup scripts. Sourced, never executed.
#
# Exit codes used by every script (documented in each --help):
#   0 success
#   1 a command failed (backup, restore, copy ...)
#   2 usage error (unknown option, missing argument)
#   3 another run holds the lock
#   4 precondition failed (storage refused, tool missing, service still running ...)
#   5 verification failed
#   6 timed out waiting

readonly EX_OK=0 EX_FAIL=1 EX_USAGE=2 EX_LOCKED=3 EX_PRECONDITION=4 EX_VERIFY=5 EX_TIMEOUT=6
export EX_OK EX_FAIL EX_USAGE EX_LOCKED EX_PRECONDITION EX_VERIFY EX_TIMEOUT

DRY_RUN=${DRY_RUN:-0}
PROG=${PROG:-$(basename "$0")}

log() { printf '%s %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$PROG" "$*" >&2; }
die() { local code=$1; shift; log "ERROR: $*"; exit "$code"; }

# Print a command, shell-quoted, exactly as it would run.
show_cmd() {
  local out='+' a
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+=" $a"; else out+=" $(printf '%q' "$a")"; fi
  done
  printf '%s\n' "$out"
}

# run CMD...: print it under --dry-run, otherwise log it and run it.
run() {
  if [[ $DRY_RUN == 1 ]]; then
    show_cmd "$@"
    return 0
  fi
  log "run: $(show_cmd "$@" | cut -c3-)"
  "$@"
}

# need_tool NAME...: fail with EX_PRECONDITION unless every tool is on PATH (skipped in dry-run).
need_tool() {
  local t
  for t in "$@"; do
    if ! command -v "$t" >/dev/null 2>&1; then
      [[ $DRY_RUN == 1 ]] && { log "note: $t not found (dry-run continues)"; continue; }
      die "$EX_PRECONDITION" "required tool not found: $t"
    fi
  done
}

# take_lock FILE: non-blocking flock on fd 9, held until the process exits.
take_lock() {
  local file=$1
  if [[ $DRY_RUN == 1 ]]; then
    show_cmd flock --nonblock "$file"
  fi
  mkdir -p "$(dirname "$file")" 2>/dev/null || true
  # flock works on a read-only descriptor too: a lock file created by another user (root
  # running a restore, the TiDB user running the timers) does not block the other.
  if [[ -e $file && ! -w $file ]]; then
    exec 9<"$file" || die "$EX_PRECONDITION" "cannot open lock file $file"
  else
    exec 9>>"$file" || die "$EX_PRECONDITION" "cannot open lock file $file"
  fi
  if ! flock --nonblock 9; then
    die "$EX_LOCKED" "another run holds $file"
  fi
}

# require_int NAME VALUE
require_int() {
  [[ $2 =~ ^[0-9]+$ ]] || die "$EX_USAGE" "$1 must be a non-negative integer, got '$2'"
}

# write_metrics DIR KIND EXIT_CODE MAX_AGE [SUCCESS_TS [SIZE_BYTES]]
# Atomically rewrites DIR/caddy_backup_KIND.prom for node exporter's textfile collector.
# The last success timestamp is kept from the previous file when this run failed.
write_metrics() {
  METRIC_PREFIX=caddy_backup METRIC_WHAT=backup write_status_metrics "$@"
}

# write_drill_metrics DIR KIND EXIT_CODE MAX_AGE [SUCCESS_TS [DURATION_SECONDS]]
# The same for the restore drill: DIR/caddy_restore_drill_KIND.prom.
write_drill_metrics() {
  METRIC_PREFIX=caddy_restore_drill METRIC_WHAT="restore drill" write_status_metrics "$@"
}

# write_status_metrics DIR KIND EXIT_CODE MAX_AGE [SUCCESS_TS [EXTRA]] with METRIC_PREFIX and
# METRIC_WHAT set: <prefix>_last_success_timestamp_seconds, _last_attempt_timestamp_seconds,
# _last_exit_code, _max_age_seconds, and the backup's size or the drill's duration.
write_status_metrics() {
  local dir=$1 kind=$2 code=$3 max_age=$4 success_ts=${5:-} extra=${6:-}
  local p=$METRIC_PREFIX what=$METRIC_WHAT
  [[ -n $dir ]] || return 0
  local file="$dir/${p}_${kind//-/_}.prom" now
  now=$(date +%s)
  if [[ $DRY_RUN == 1 ]]; then
    printf '+ write metrics %s (kind=%s exit_code=%s)\n' "$file" "$kind" "$code"
    return 0
  fi
  if [[ -z $success_ts ]]; then
    success_ts=$(awk -v m="${p}_last_success_timestamp_seconds{" -v k="$kind" 'index($1, m) == 1 && index($1, "kind=\"" k "\"") {print $2}' "$file" 2>/dev/null || true)
    success_ts=${success_ts:-0}
  fi
  mkdir -p "$dir"
  local tmp
  tmp=$(mktemp "$dir/.${p}_${kind//-/_}.XXXXXX")
  {
    echo "# HELP ${p}_last_success_timestamp_seconds Unix time of the last successful $what (0: never)."
    echo "# TYPE ${p}_last_success_timestamp_seconds gauge"
    echo "${p}_last_success_timestamp_seconds{kind=\"$kind\"} $success_ts"
    echo "# HELP ${p}_last_attempt_timestamp_seconds Unix time the last $what run ended."
    echo "# TYPE ${p}_last_attempt_timestamp_seconds gauge"
    echo "${p}_last_attempt_timestamp_seconds{kind=\"$kind\"} $now"
    echo "# HELP ${p}_last_exit_code Exit code of the last $what run (0: success)."
    echo "# TYPE ${p}_last_exit_code gauge"
    echo "${p}_last_exit_code{kind=\"$kind\"} $code"
    echo "# HELP ${p}_max_age_seconds Age after which the newest $what counts as overdue."
    echo "# TYPE ${p}_max_age_seconds gauge"
    echo "${p}_max_age_seconds{kind=\"$kind\"} $max_age"
    if [[ -n $extra && $p == caddy_backup ]]; then
      echo "# HELP ${p}_last_size_bytes Size of the last successful backup."
      echo "# TYPE ${p}_last_size_bytes gauge"
      echo "${p}_last_size_bytes{kind=\"$kind\"} $extra"
    elif [[ -n $extra ]]; then
      echo "# HELP ${p}_last_duration_seconds How long the last successful restore drill took."
      echo "# TYPE ${p}_last_duration_seconds gauge"
      echo "${p}_last_duration_seconds{kind=\"$kind\"} $extra"
    fi
  } >"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$file"
}
