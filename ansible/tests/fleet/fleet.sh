#!/usr/bin/env bash
# A fleet of Debian 12 machines with real systemd (systemd-nspawn -b) on this box, for converging
# site.yml for real. See ../../../docs/production.md and issue 6.
#
#   fleet.sh base      build the cached base root filesystem (done by `up` when missing)
#   fleet.sh up N      boot N machines: fleet1..fleetN at 127.0.0.11..127.0.0.(10+N), sshd on each
#   fleet.sh status    list the machines, their leader pid and systemd state
#   fleet.sh down      stop every machine, unmount, remove the cgroups (also done on failure / Ctrl-C of `up`)
#   fleet.sh crash N   machine N loses power: every process of it is killed at once (SIGKILL); its disk stays
#   fleet.sh start N   boot machine N again from its disk (after crash)
#   fleet.sh reclaim   clean the state of a fleet none of whose machines is alive any more (a run
#                      killed before its `down`); refuses, changing nothing, while one is (`up` runs it)

#
# Machines share the host's network namespace: each has its own loopback address and every service
# must bind it. Never enable a firewall inside them (the rules would apply to this box).
# State lives outside the repository, under $CADDY_FLEET_DIR (default /var/cache/caddy-fleet):
#   base/        debootstrap of bookworm (minbase + systemd, sshd, python3), patched and with the
#                packages of every host's roles (provision_base); rebuilt when that list changes
#   ssh/         the key Ansible uses (root@machines)
#   tls/         test CA (ca.crt) and the certificate of shop.fleet.test for nginx
#   apt-archives apt packages downloaded by earlier machines, hard-linked into each new one
#   run/NAME/    upper, work and root (overlay) of one machine, its leader pid and address
#   run/inventory.ini   the booted machines (name ansible_host=...), for ad-hoc use
set -euo pipefail

FLEET_DIR=${CADDY_FLEET_DIR:-/var/cache/caddy-fleet}
BASE=$FLEET_DIR/base
RUN=$FLEET_DIR/run
KEY=$FLEET_DIR/ssh/id_ed25519
TLS=$FLEET_DIR/tls
APT_CACHE=$FLEET_DIR/apt-archives
ROLES=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../roles" && pwd)
CG_NAMES=(systemd unified)   # cgroup hierarchies a machine is placed in: /sys/fs/cgroup/<h>/<CG_ROOT>/<name>
CG_ROOT=${CADDY_FLEET_CGROUP:-fleet}
MAX_MACHINES=9
BOOT_TIMEOUT=${CADDY_FLEET_BOOT_TIMEOUT:-60}

log() { printf '[fleet %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need_tools() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
  command -v ssh >/dev/null || missing+=(openssh-client)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The Debian mirror this machine already uses (deb822 sources or sources.list); never hard-coded.
apt_mirror() {
  local m=''
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    m=$(awk 'tolower($1)=="uris:" {u=$2} tolower($1)=="suites:" && / bookworm( |$)/ {print u; exit}' \
      /etc/apt/sources.list.d/*.sources)
  fi
  if [[ -z $m && -f /etc/apt/sources.list ]]; then
    m=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list)
  fi
  [[ -n $m ]] || die "no bookworm mirror found in /etc/apt/sources.list{,.d}"
  printf '%s\n' "$m"
}

# no_service_starts ROOT: packages installed under ROOT start no service (policy-rc.d). A package's
# default configuration would bind 0.0.0.0 or 127.0.0.1 on the build machine's network stack
# (nginx on :80, redis, mariadb); the roles start every service themselves, after its configuration.
no_service_starts() {
  printf '#!/bin/sh\n# caddy-fleet: no service starts from a package installation\nexit 101\n' >"$1/usr/sbin/policy-rc.d"
  chmod 0755 "$1/usr/sbin/policy-rc.d"
}

# link_cached_debs ARCHIVES: hard links to the packages already downloaded (apt checks their hashes).
# keep_new_debs ARCHIVES: the packages downloaded there since, kept for the next base or machine.
link_cached_debs() { find "$APT_CACHE" -maxdepth 1 -name '*.deb' -exec ln -f -t "$1" {} + 2>/dev/null || true; }
keep_new_debs() { find "$1" -maxdepth 1 -name '*.deb' -links 1 -exec ln -f -t "$APT_CACHE" {} + 2>/dev/null || true; }

# What every machine's converge would install first, read from the roles that install it: the
# security updates and the packages of the roles of site.yml's "Base OS" play and the node exporter
# (see provision_base). Printed as "security <path> <line>", "recommends <pkgs>", "no-recommends <pkgs>".
base_recipe() {
  python3 - "$ROLES" <<'PY'
import sys, yaml
roles = sys.argv[1]
common = yaml.safe_load(open(f"{roles}/common/defaults/main.yml"))
exporter = yaml.safe_load(open(f"{roles}/node_exporter/defaults/main.yml"))
print("security", common["caddy_common_apt_security_source_path"], common["caddy_common_apt_security_source"])
# install_recommends as each role's apt task has it (the hardening list, fail2ban, auditd, rsyslog
# and AIDE without; the base packages, ufw and the node exporter with).
print("recommends", *common["caddy_common_packages"], "ufw", exporter["node_exporter_package"])
print("no-recommends", *common["caddy_common_hardening_packages"],
      "fail2ban", "python3-systemd", "nftables", "auditd", "rsyslog", "aide")
PY
}

# provision_base DIR: the base as a provider's current image of a host is, patched and with the
# packages every host gets, so that nine machines do not each download, unpack and configure the
# same ones in their first converge (that took half of it: 962 s of 1888 on the 2-core build
# machine). The roles' apt tasks still run on every machine and fail on a package name that does
# not exist. The security source stays, written where and as the common role writes it, so that
# the stand-in play (before the common role) installs against the same archive. What the packages
# enabled (systemd and SysV rc links) is taken out of the base and put back after boot
# (restore_deferred_units): no package's service may start at the first boot before its role has
# configured it (node exporter on 0.0.0.0:9100 of the shared network stack, openipmi failing in a
# container), as none does on a host whose converge installs it.
provision_base() {
  local dir=$1 kind rest path line rc=0 before after
  local -a recommends=() no_recommends=()
  while read -r kind rest; do
    case $kind in
      security) read -r path line <<<"$rest" ;;
      recommends) read -r -a recommends <<<"$rest" ;;
      no-recommends) read -r -a no_recommends <<<"$rest" ;;
    esac
  done < <(base_recipe)
  printf '%s\n' "$line" >"$dir$path"
  no_service_starts "$dir"
  before=$(cd "$dir/etc" && find systemd/system rc?.d -type l | sort)
  link_cached_debs "$dir/var/cache/apt/archives"
  mount -t proc proc "$dir/proc"
  {
    local apt=(env DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get -q -y -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-unsafe-io)
    "${apt[@]}" update &&
      "${apt[@]}" upgrade &&
      "${apt[@]}" install "${recommends[@]}" &&
      "${apt[@]}" install --no-install-recommends "${no_recommends[@]}"
  } >>"$FLEET_DIR/debootstrap.log" 2>&1 || rc=$?
  umount "$dir/proc"
  ((rc == 0)) || die "provisioning the base failed, see $FLEET_DIR/debootstrap.log"
  keep_new_debs "$dir/var/cache/apt/archives"
  rm -f "$dir"/var/cache/apt/archives/*.deb
  after=$(cd "$dir/etc" && find systemd/system rc?.d -type l | sort)
  mkdir -p "$dir/var/lib/caddy-fleet"
  local link
  : >"$dir/var/lib/caddy-fleet/deferred-units"
  while read -r link; do
    [[ -n $link ]] || continue
    printf '%s %s\n' "$link" "$(readlink "$dir/etc/$link")" >>"$dir/var/lib/caddy-fleet/deferred-units"
    rm "$dir/etc/$link"
  done < <(comm -13 <(echo "$before") <(echo "$after"))
  log "base: $(grep -cE '^(Setting up|Unpacking)' "$FLEET_DIR/debootstrap.log" || true) dpkg steps; units enabled after boot: $(wc -l <"$dir/var/lib/caddy-fleet/deferred-units")"
}

# restore_deferred_units ROOT: the units the base's packages enabled, enabled on this machine (not
# started), as a converge that installed the packages would leave them.
restore_deferred_units() {
  local root=$1 link target
  [[ -f $root/var/lib/caddy-fleet/deferred-units ]] || return 0
  while read -r link target; do
    mkdir -p "$(dirname "$root/etc/$link")"
    ln -sfn "$target" "$root/etc/$link"
  done <"$root/var/lib/caddy-fleet/deferred-units"
}

build_base() {
  local recipe
  # CADDY_FLEET_BARE_BASE=1: debootstrap only, every package installed by the converge as on a new host.
  recipe="provision v2 $(base_recipe) bare=${CADDY_FLEET_BARE_BASE:-0}"
  if [[ -f $BASE/.complete && $(<"$BASE/.complete") == "$recipe" ]]; then
    return 0
  fi
  need_tools
  local mirror tmp start
  mirror=$(apt_mirror)
  tmp=$FLEET_DIR/base.tmp
  rm -rf "$tmp"
  mkdir -p "$FLEET_DIR" "$APT_CACHE/partial" "$(dirname "$KEY")"
  start=$SECONDS
  log "debootstrap bookworm from $mirror into $tmp"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,python3,python3-apt,sudo,iproute2,procps,ca-certificates \
    bookworm "$tmp" "$mirror" >"$FLEET_DIR/debootstrap.log" 2>&1 \
    || die "debootstrap failed, see $FLEET_DIR/debootstrap.log"
  rm -f "$tmp"/var/cache/apt/archives/*.deb
  if [[ ${CADDY_FLEET_BARE_BASE:-0} != 1 ]]; then
    provision_base "$tmp"
  fi
  printf '%s' "$recipe" >"$tmp/.complete"
  rm -rf "$BASE"
  mv "$tmp" "$BASE"
  log "base ready in $((SECONDS - start)) s ($(du -sh "$BASE" | cut -f1))"
}

# Idempotent set-up of the base and of the credentials; runs before every boot (no overlay is
# mounted then), so a change here reaches an existing cached base.
customize_base() {
  mkdir -p "$APT_CACHE/partial" "$(dirname "$KEY")" "$TLS"
  [[ -f $KEY ]] || ssh-keygen -q -t ed25519 -N '' -C caddy-fleet -f "$KEY"
  install -d -m 0700 "$BASE/root/.ssh"
  install -m 0600 "$KEY.pub" "$BASE/root/.ssh/authorized_keys"
  : >"$BASE/etc/machine-id"
  rm -f "$BASE"/etc/ssh/ssh_host_*
  local t
  for t in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer dpkg-db-backup.timer; do
    ln -sfn /dev/null "$BASE/etc/systemd/system/$t"
  done
  no_service_starts "$BASE"
  # dpkg does not fsync each file it unpacks (as in Debian's own build chroots): nine machines
  # installing at once on the build machine's one disk spent most of a converge's installs waiting
  # on fsync. Only a power loss in the middle of an install could tell the difference.
  mkdir -p "$BASE/etc/dpkg/dpkg.cfg.d"
  printf '# caddy-fleet: no fsync per unpacked file (a test machine)\nforce-unsafe-io\n' \
    >"$BASE/etc/dpkg/dpkg.cfg.d/caddy-fleet-unsafe-io"
  # apt keeps downloaded packages: the archive directory is shared between machines and runs.
  printf 'Binary::apt::APT::Keep-Downloaded-Packages "true";\nAPT::Keep-Downloaded-Packages "true";\n' \
    >"$BASE/etc/apt/apt.conf.d/10caddy-fleet-keep"
  # Test CA and a certificate for shop.fleet.test (inventories/fleet reads them).
  if [[ ! -f $TLS/server.crt ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=caddy-fleet test CA' \
      -keyout "$TLS/ca.key" -out "$TLS/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj '/CN=shop.fleet.test' \
      -keyout "$TLS/server.key" -out "$TLS/server.csr" 2>/dev/null
    openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.crt" -CAkey "$TLS/ca.key" -CAcreateserial \
      -days 3650 -out "$TLS/server.crt" \
      -extfile <(printf 'subjectAltName=DNS:shop.fleet.test\nextendedKeyUsage=serverAuth\n') 2>/dev/null
    chmod 0600 "$TLS"/*.key
  fi
}

addr_of() { printf '127.0.0.%d\n' $((10 + $1)); }

cg_dir() { printf '/sys/fs/cgroup/%s/%s/%s\n' "$1" "$CG_ROOT" "$2"; }

# Pids still in a machine's cgroups (all of them were started by `up`, from its leader).
cg_pids() {
  local h d
  for h in "${CG_NAMES[@]}"; do
    d=$(cg_dir "$h" "$1")
    if [[ -d $d ]]; then
      find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null || true
    fi
  done | sort -un
}

# nspawn_pid NAME: the pid of the machine's systemd-nspawn while it runs (nothing otherwise). A pid
# file alone proves nothing: after a reboot or a killed run its number may belong to anyone.
nspawn_pid() {
  local pid
  [[ -f $RUN/$1/pid ]] || return 0
  pid=$(<"$RUN/$1/pid")
  if [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == systemd-nspawn ]]; then
    echo "$pid"
  fi
}

stop_machine() {
  local name=$1 dir=$RUN/$1 pid i
  pid=$(nspawn_pid "$name")
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
  fi
  # Anything left in the machine's cgroups is one of ours: kill it by pid.
  local left
  left=$(cg_pids "$name")
  if [[ -n $left ]]; then
    log "$name: killing leftover pids $(echo "$left" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    sleep 0.5
  fi
  # Keep the packages this machine downloaded for the next boot (see prepare_machine).
  if [[ -d $dir/upper/var/cache/apt/archives ]]; then
    keep_new_debs "$dir/upper/var/cache/apt/archives"
  fi
  if mountpoint -q "$dir/root"; then
    umount "$dir/root" 2>/dev/null || umount -l "$dir/root"
  fi
  local h d
  for h in "${CG_NAMES[@]}"; do
    d=$(cg_dir "$h" "$name")
    if [[ -d $d ]]; then
      find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
}

down() {
  local d
  if [[ -d $RUN ]]; then
    # Ask every machine to shut down at once, then wait for each and clean up after it.
    local pid
    for d in "$RUN"/*/; do
      [[ -d $d ]] || continue
      pid=$(nspawn_pid "$(basename "$d")")
      if [[ -n $pid ]]; then
        kill -TERM "$pid" 2>/dev/null || true
      fi
    done
    for d in "$RUN"/*/; do
      [[ -d $d ]] || continue
      stop_machine "$(basename "$d")"
    done
  fi
  local h
  for h in "${CG_NAMES[@]}"; do
    if [[ -d /sys/fs/cgroup/$h/$CG_ROOT ]]; then
      rmdir "/sys/fs/cgroup/$h/$CG_ROOT" 2>/dev/null || true
    fi
  done
  rm -rf "$RUN"
  log "down: no machine left"
}

# Power loss: every process of the machine at once, no shutdown. The overlay (its disk) stays.
crash() {
  local name=fleet${1:?machine number} left i
  [[ -f $RUN/$name/pid ]] || die "$name is not up"
  left=$(cg_pids "$name")
  # shellcheck disable=SC2086
  [[ -n $left ]] && kill -KILL $left 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    kill -0 "$(<"$RUN/$name/pid")" 2>/dev/null || break
    sleep 0.1
  done
  left=$(cg_pids "$name")
  # shellcheck disable=SC2086
  [[ -z $left ]] || kill -KILL $left 2>/dev/null || true
  log "$name: crashed"
}

start() {
  local n=${1:?machine number} name
  name=fleet$n
  [[ -d $RUN/$name/root ]] || die "$name has no disk (never up, or down)"
  [[ -z $(nspawn_pid "$name") ]] || die "$name is running"
  boot_machine "$name"
  wait_running "$name" "$(addr_of "$n")"
  log "$name: up again"
}

prepare_machine() {
  local name=$1 addr=$2 dir=$RUN/$1
  mkdir -p "$dir/upper/etc/ssh/sshd_config.d" "$dir/work" "$dir/root" "$dir/upper/var/cache/apt/archives"
  printf '%s\n' "$name" >"$dir/upper/etc/hostname"
  printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$addr" "$name" >"$dir/upper/etc/hosts"
  systemd-id128 new >"$dir/upper/etc/machine-id"
  mkdir -p "$dir/upper/etc/ssh"
  ssh-keygen -A -f "$dir/upper" >/dev/null
  # Only the machine's own address: the host and the other machines share this network stack.
  printf 'ListenAddress %s:22\nUseDNS no\n' "$addr" >"$dir/upper/etc/ssh/sshd_config.d/10-fleet.conf"
  printf '%s\n' "$addr" >"$dir/addr"
  # apt's archive lock does not wait, so machines cannot share one archive directory: each gets
  # hard links to the cached packages (apt checks their hashes) and `down` collects the new ones.
  link_cached_debs "$dir/upper/var/cache/apt/archives"
  mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
}

boot_machine() {
  local name=$1 dir=$RUN/$1 h d
  for h in "${CG_NAMES[@]}"; do
    d=$(cg_dir "$h" "$name")
    mkdir -p "$d"
  done
  (
    for h in "${CG_NAMES[@]}"; do
      echo "$BASHPID" >"$(cg_dir "$h" "$name")/cgroup.procs"
    done
    exec systemd-nspawn --quiet --register=no --keep-unit --machine="$name" -D "$dir/root" \
      --console=read-only --resolv-conf=copy-host --timezone=off --link-journal=no \
      -b systemd.firstboot=off
  ) </dev/null >"$dir/console.log" 2>&1 &
  echo $! >"$dir/pid"
}

# The pid of the machine's systemd (PID 1 inside): the child of systemd-nspawn.
leader_of() {
  local pid
  pid=$(<"$RUN/$1/pid")
  pgrep -P "$pid" | head -n1
}

wait_running() {
  local name=$1 addr=$2 state='' leader='' i
  for ((i = 0; i < BOOT_TIMEOUT * 5; i++)); do
    kill -0 "$(<"$RUN/$name/pid")" 2>/dev/null || die "$name: systemd-nspawn exited; see $RUN/$name/console.log"
    leader=$(leader_of "$name" || true)
    if [[ -n $leader ]]; then
      state=$(nsenter -t "$leader" -a systemctl is-system-running 2>/dev/null || true)
      case $state in
        running) break ;;
        degraded)
          log "$name: degraded: $(nsenter -t "$leader" -a systemctl --failed --no-legend --plain 2>/dev/null | awk '{print $1}' | tr '\n' ' ')"
          break ;;
      esac
    fi
    sleep 0.2
  done
  [[ $state == running || $state == degraded ]] || die "$name: not running after ${BOOT_TIMEOUT}s (state '$state')"
  for ((i = 0; i < 50; i++)); do
    if ssh_machine "$addr" true 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  die "$name: no ssh on $addr:22"
}

ssh_machine() {
  local addr=$1
  shift
  ssh -i "$KEY" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o LogLevel=ERROR -o ConnectTimeout=3 "root@$addr" "$@"
}

# The machines of the fleet in $RUN still alive, one line each: its name, its systemd-nspawn and
# whatever is left in its cgroups.
alive_machines() {
  local d name pid left
  for d in "$RUN"/*/; do
    [[ -d $d ]] || continue
    name=$(basename "$d")
    pid=$(nspawn_pid "$name")
    left=$(cg_pids "$name" | paste -sd ' ')
    if [[ -n $pid || -n $left ]]; then
      echo "$name${pid:+ nspawn=$pid}${left:+ cgroup=$left}"
    fi
  done
}

# Left-over state of an earlier fleet: cleaned when none of its machines is alive (a run killed
# before its `down`, a reboot), refused while one is (a fleet of someone else, still in use).
reclaim() {
  local alive
  [[ -d $RUN ]] || return 0
  alive=$(alive_machines)
  if [[ -n $alive ]]; then
    die "a fleet is already up ($RUN: $(paste -sd ';' <<<"$alive")); run fleet.sh down first"
  fi
  log "stale state of an earlier fleet in $RUN (no machine alive): cleaning it"
  down
}

on_up_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if ((rc != 0)); then
    log "up failed (rc=$rc): tearing down"
    down
  fi
  exit "$rc"
}

up() {
  local n=${1:-}
  if ! [[ $n =~ ^[0-9]+$ ]] || ((n < 1 || n > MAX_MACHINES)); then
    die "usage: fleet.sh up N (1..$MAX_MACHINES)"
  fi
  [[ $(id -u) == 0 ]] || die "must run as root"
  reclaim
  # Tear down whatever was started if anything below fails or is interrupted.
  trap on_up_exit EXIT
  trap 'exit 130' INT TERM
  build_base
  customize_base
  mkdir -p "$RUN"
  local i name addr start=$SECONDS
  : >"$RUN/inventory.ini.tmp"
  for ((i = 1; i <= n; i++)); do
    name=fleet$i
    addr=$(addr_of "$i")
    if ss -Hltn "src $addr" | grep -q .; then
      die "$addr already has listening sockets: $(ss -Hltn "src $addr" | awk '{print $4}' | tr '\n' ' ')"
    fi
    prepare_machine "$name" "$addr"
    boot_machine "$name"
    printf '%s ansible_host=%s\n' "$name" "$addr" >>"$RUN/inventory.ini.tmp"
  done
  for ((i = 1; i <= n; i++)); do
    wait_running "fleet$i" "$(addr_of "$i")"
    restore_deferred_units "$RUN/fleet$i/root"
    ssh_machine "$(addr_of "$i")" systemctl daemon-reload
  done
  {
    echo "# written by fleet.sh up $n"
    echo '[fleet]'
    cat "$RUN/inventory.ini.tmp"
    echo
    echo '[fleet:vars]'
    echo 'ansible_user=root'
    echo "ansible_ssh_private_key_file=$KEY"
    echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'"
  } >"$RUN/inventory.ini"
  rm -f "$RUN/inventory.ini.tmp"
  trap - EXIT INT TERM
  log "up: $n machines running and reachable over ssh in $((SECONDS - start)) s"
}

status() {
  local d name pid leader state
  if ! compgen -G "$RUN/*/pid" >/dev/null; then
    echo "no machine"
  else
    for d in "$RUN"/*/; do
      name=$(basename "$d")
      pid=$(<"$d/pid")
      leader=$(pgrep -P "$pid" | head -n1 || true)
      state=down
      [[ -n $leader ]] && state=$(nsenter -t "$leader" -a systemctl is-system-running 2>/dev/null || true)
      printf '%-8s %-12s nspawn=%-7s systemd=%-7s %s\n' "$name" "$(<"$d/addr")" "$pid" "${leader:--}" "$state"
    done
  fi
  echo "overlay mounts: $(grep -c " $RUN/" /proc/mounts || true)"
  echo "cgroups: $(find "/sys/fs/cgroup/systemd/$CG_ROOT" "/sys/fs/cgroup/unified/$CG_ROOT" -maxdepth 0 2>/dev/null | wc -l)"
}

case ${1:-} in
  base) build_base && customize_base ;;
  up) up "${2:-}" ;;
  down) down ;;
  status) status ;;
  ssh) shift; n=${1:?machine number}; shift; ssh_machine "$(addr_of "$n")" "$@" ;;
  crash) crash "${2:-}" ;;
  start) start "${2:-}" ;;
  reclaim) reclaim ;;
  *) echo "usage: $0 base | up N | down | status | ssh N [command] | crash N | start N | reclaim" >&2; exit 2 ;;
esac
