# shellcheck shell=bash
# The TiDB tier's checks of tests/run (sourced by it; uses its check, free_port, wait_for, PIDS,
# TMP, CA, RENDER). No TiDB binary can be had here: the release tarball holds stand-in scripts,
# the checklist reads fixture trees, the restart path runs against tests/tidb/fake_cluster.py (a
# fake PD/TiKV/TiDB HTTP surface, NOT TiDB) with a real HAProxy, and the SQL bootstrap and the
# application's TLS connection run against a real MariaDB standing in for TiDB's SQL layer.

TIDB_TESTS="$ANSIBLE_DIR/tests/tidb"

# ---- release tarball: TiUP offline mirror -> scripts/build-tidb-archive -> tidb_binaries
tidb_archive() {
    local m="$TMP/mirror" out="$TMP/tidb-release.tar.gz" sum
    /usr/bin/python3 "$TIDB_TESTS/fake_mirror.py" "$m" v7.5.4 || return 1
    "$REPO/scripts/build-tidb-archive" --mirror "$m" --version v7.5.4 --out "$out" | tee "$TMP/archive.out" || return 1
    [ "$(tar -tzf "$out" | grep -c '^tidb-v7.5.4-linux-amd64/bin/.')" -eq 6 ] || return 1
    sum=$(sha256sum "$out" | cut -d' ' -f1)
    grep -qx "caddy_tidb_binaries_checksum: \"sha256:$sum\"" "$TMP/archive.out" || return 1
    # A tarball whose sha256 is not the manifest's is refused (exit 5).
    /usr/bin/python3 "$TIDB_TESTS/fake_mirror.py" "$TMP/mirror-bad" v7.5.4 --bad-hash br || return 1
    "$REPO/scripts/build-tidb-archive" --mirror "$TMP/mirror-bad" --version v7.5.4 --out "$TMP/bad.tar.gz"
    [ $? -eq 5 ] || { echo "a tampered br tarball was accepted"; return 1; }
}
tidb_install() {
    local out="$TMP/tidb-release.tar.gz" sum dir="$TMP/install/opt/tidb" b
    sum=$(sha256sum "$out" | cut -d' ' -f1)
    ansible-playbook tests/tidb/install-binaries.yml -e "install_dir=$dir" -e "tarball=$out" -e "checksum=sha256:$sum" \
        >"$TMP/install1.log" 2>&1 || { tail -20 "$TMP/install1.log"; return 1; }
    for b in pd-server tikv-server tidb-server br pd-ctl tikv-ctl; do
        "$dir/bin/$b" | grep -q "^$b v7.5.4" || { echo "$dir/bin/$b does not run"; return 1; }
    done
    ansible-playbook tests/tidb/install-binaries.yml -e "install_dir=$dir" -e "tarball=$out" -e "checksum=sha256:$sum" \
        >"$TMP/install2.log" 2>&1 || return 1
    grep -E '^localhost +: ok=.* changed=0 ' "$TMP/install2.log" || { echo "second run changed something"; return 1; }
    # Wrong checksum: refused before anything is unpacked.
    ansible-playbook tests/tidb/install-binaries.yml -e "install_dir=$TMP/install-x" -e "tarball=$out" \
        -e "checksum=sha256:$(printf '0%.0s' {1..64})" >"$TMP/install3.log" 2>&1 && return 1
    grep -q 'Checksum mismatch' "$TMP/install3.log" || return 1
    [ ! -e "$TMP/install-x/releases/v7.5.4/bin" ] || [ -z "$(ls -A "$TMP/install-x/releases/v7.5.4/bin")" ] || return 1
    # A tarball without br (the old layout) is refused, naming what is missing.
    mkdir -p "$TMP/nobr/tidb-v7.5.4-linux-amd64/bin"
    cp "$dir"/releases/v7.5.4/bin/{pd-server,tikv-server,tidb-server,pd-ctl,tikv-ctl} "$TMP/nobr/tidb-v7.5.4-linux-amd64/bin/"
    tar -czf "$TMP/nobr.tar.gz" -C "$TMP/nobr" tidb-v7.5.4-linux-amd64
    ansible-playbook tests/tidb/install-binaries.yml -e "install_dir=$TMP/install-nobr" -e "tarball=$TMP/nobr.tar.gz" \
        -e "checksum=sha256:$(sha256sum "$TMP/nobr.tar.gz" | cut -d' ' -f1)" >"$TMP/install4.log" 2>&1 && return 1
    grep -q 'lacks bin/br' "$TMP/install4.log"
}

# ---- the checklist (tiup cluster check) on fixture trees
tidb_checklist() {
    /usr/bin/python3 "$TIDB_TESTS/checklist_fixture.py" "$TMP/fx/good" good || return 1
    /usr/bin/python3 "$TIDB_TESTS/checklist_fixture.py" "$TMP/fx/bad" bad || return 1
    ansible-playbook tests/tidb/checklist.yml -e "root=$TMP/fx/good" >"$TMP/fx-good.log" 2>&1 ||
        { tail -20 "$TMP/fx-good.log"; return 1; }
    ansible-playbook tests/tidb/checklist.yml -e "root=$TMP/fx/bad" >"$TMP/fx-bad.log" 2>&1 && { echo "a bad host passed"; return 1; }
    local want
    for want in '\[thp\] transparent huge pages are always' '\[swap\] swap is on' '\[nodelalloc\] /data .* without nodelalloc' \
        '\[io-scheduler\] the I/O scheduler of sdb .* is mq-deadline' '\[cpu-governor\] .* is powersave' \
        '\[clock\] the clock is off by -812' 'Fix: cpupower frequency-set --governor performance' \
        'noatime: /data is mounted without noatime'; do
        tr -s ' \n' ' ' <"$TMP/fx-bad.log" | grep -q "$want" || { echo "missing: $want"; grep -A8 'fails TiDB' "$TMP/fx-bad.log"; return 1; }
    done
}

# ---- the tidb user with pinned ids, for real inside unshare --mount over a copy of /etc
tidb_user() {
    local w="$TMP/etc-ns"
    cp -a /etc "$w"
    cat >"$TMP/user.sh" <<INNER
set -e
mount --make-rprivate /
mount --bind "$w" /etc
cd "$ANSIBLE_DIR"
ansible-playbook tests/tidb/tidb-user.yml -e user=caddy-tidb-test -e home=$TMP/home-tidb > "$TMP/user1.log"
getent passwd caddy-tidb-test
getent group caddy-tidb-test
ansible-playbook tests/tidb/tidb-user.yml -e user=caddy-tidb-test -e home=$TMP/home-tidb > "$TMP/user2.log"
useradd --system --uid 4242 --user-group caddy-tidb-other
if ansible-playbook tests/tidb/tidb-user.yml -e user=caddy-tidb-other -e home=$TMP/home-other > "$TMP/user3.log"; then exit 7; fi
getent passwd caddy-tidb-other
INNER
    unshare --mount bash "$TMP/user.sh" >"$TMP/user.out" 2>&1 || { cat "$TMP/user.out"; tail -20 "$TMP"/user*.log; return 1; }
    cat "$TMP/user.out"
    grep -q '^caddy-tidb-test:x:1790:1790:' "$TMP/user.out" || return 1
    grep -q '^caddy-tidb-test:x:1790:' "$TMP/user.out" || return 1
    grep -Eq '^localhost +: ok=.* changed=0 ' "$TMP/user2.log" || return 1
    # The mismatch is reported with the fix and the user left as it was.
    tr -s ' \n' ' ' <"$TMP/user3.log" | grep -q 'has uid 4242 .* needs 1790 / 1790 .* usermod -u 1790' || return 1
    grep -q '^caddy-tidb-other:x:4242:' "$TMP/user.out" || return 1
    ! grep -q caddy-tidb /etc/passwd
}

# ---- the safe restart path against the fake cluster and a real HAProxy
TIDB_FAKE="$TMP/fake"
tidb_fake_start() {
    /usr/bin/python3 "$TIDB_TESTS/harness.py" setup "$TIDB_FAKE" "$CA" || return 1
    /usr/bin/python3 "$TIDB_TESTS/fake_cluster.py" "$TIDB_FAKE/topology.json" >"$TIDB_FAKE/fake.log" 2>&1 &
    PIDS+=($!)
    haproxy -f "$TIDB_FAKE/haproxy.cfg" -db >"$TIDB_FAKE/haproxy.log" 2>&1 &
    PIDS+=($!)
    wait_for 10 curl -fs "$(cat "$TIDB_FAKE/control_url")/_fake/state" || { cat "$TIDB_FAKE/fake.log"; return 1; }
    wait_for 10 test -S "$TIDB_FAKE/haproxy.sock"
}
# With Mitogen's strategy (../run's MITOGEN): five scenarios cost 75 CPU-s instead of 185 on 2 cores,
# CPU that the render beside them needs.
tidb_scenario() {
    "${MITOGEN[@]}" /usr/bin/python3 "$TIDB_TESTS/harness.py" "$1" "$TIDB_FAKE"
}

# ---- SQL bootstrap and the application's TLS connection, against MariaDB standing in for TiDB
MARIA="$TMP/maria"
MARIA_ARGS=()
tidb_maria_start() {
    local tls="$TIDB_FAKE/hosts/tidb1/opt/tidb/tidb/tls" port
    mkdir -p "$MARIA"
    mariadb-install-db --no-defaults --datadir="$MARIA/data" --user=root --auth-root-authentication-method=socket \
        --skip-test-db >"$MARIA/install.log" 2>&1 || return 1
    port=$(free_port)
    echo "$port" >"$MARIA/port"
    # TLS with the certificate the tidb_tls role issued to tidb1 of the fake inventory (127.0.0.1).
    mariadbd --no-defaults --datadir="$MARIA/data" --port="$port" --bind-address=127.0.0.1 --socket="$MARIA/sock" \
        --user=root --skip-name-resolve --ssl-cert="$tls/tidb.crt" --ssl-key="$tls/tidb.pem" --ssl-ca="$tls/ca.crt" \
        >"$MARIA/log" 2>&1 &
    PIDS+=($!)
    wait_for 20 mariadb -S "$MARIA/sock" -e 'SELECT 1' || { cat "$MARIA/log"; return 1; }
    # A new TiDB cluster's only account: root@'%' without a password.
    mariadb -S "$MARIA/sock" -e "CREATE USER 'root'@'%'; GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    MARIA_ARGS=(-e "caddy_tidb_server_port=$port" -e vault_caddy_db_password=test-app-pw
        -e vault_caddy_db_migrate_password=test-migrate-pw
        -e '{"caddy_tidb_server_client_hosts": ["127.0.0.1"], "caddy_tidb_server_global_variables": {"max_connections": 321}}')
}
maria_sql() { mariadb -S "$MARIA/sock" -N -e "$1"; }
tidb_bootstrap() {
    ansible-playbook -i "$TIDB_FAKE/inventory.yml" tests/tidb/bootstrap.yml "${MARIA_ARGS[@]}" \
        -e vault_caddy_tidb_root_password=test-root-pw >"$TMP/boot1.log" 2>&1 || { tail -30 "$TMP/boot1.log"; return 1; }
    maria_sql "SELECT CONCAT(user, '@', host) FROM mysql.user ORDER BY 1" | tee "$TMP/users"
    ! grep -qx 'root@%' "$TMP/users" || { echo "root@'%' is still there"; return 1; }
    grep -qx 'root@127.0.0.1' "$TMP/users" && grep -qx 'caddy_app@127.0.0.1' "$TMP/users" &&
        grep -qx 'caddy_migrate@127.0.0.1' "$TMP/users" || return 1
    [ "$(maria_sql "SELECT @@GLOBAL.require_secure_transport")" = 1 ] || { echo "require_secure_transport is off"; return 1; }
    [ "$(maria_sql "SELECT @@GLOBAL.max_connections")" = 321 ] || return 1
    [ "$(maria_sql "SHOW DATABASES LIKE 'caddy_shopping'")" = caddy_shopping ] || return 1
    # Plaintext is refused, TLS with the same account works.
    local port
    port=$(cat "$MARIA/port")
    if mariadb -h127.0.0.1 -P"$port" --skip-ssl -ucaddy_app -ptest-app-pw -e 'SELECT 1' 2>/dev/null; then
        echo "a plaintext client got in"; return 1
    fi
    mariadb -h127.0.0.1 -P"$port" --ssl --ssl-ca="$CA/ca.crt" -ucaddy_app -ptest-app-pw -e 'SELECT 1' >/dev/null || return 1
    # Second run: root logs in with the vault's password, nothing changes.
    ansible-playbook -i "$TIDB_FAKE/inventory.yml" tests/tidb/bootstrap.yml "${MARIA_ARGS[@]}" \
        -e vault_caddy_tidb_root_password=test-root-pw >"$TMP/boot2.log" 2>&1 || return 1
    grep -E '^tidb1 +: ok=.* changed=0 .* failed=0 .* rescued=0 ' "$TMP/boot2.log" || { echo "run 2 changed something"; return 1; }
    # Root with a password the vault does not know: the run stops (no failed_when: false to hide it).
    ansible-playbook -i "$TIDB_FAKE/inventory.yml" tests/tidb/bootstrap.yml "${MARIA_ARGS[@]}" \
        -e vault_caddy_tidb_root_password=not-the-password >"$TMP/boot3.log" 2>&1 && { echo "a wrong root password passed"; return 1; }
    # (the yaml callback wraps long messages: compare with the line breaks folded)
    tr -s ' \n' ' ' <"$TMP/boot3.log" | grep -q 'this is not a new cluster and vault_caddy_tidb_root_password is not its root password'
}
# ---- the restore step on a rebuilt cluster (playbooks/tasks/tidb-restore.yml), same MariaDB
tidb_restore_prep() {
    local log="$TMP/stand-in-restore.log" port
    port=$(cat "$MARIA/port")
    : >"$log"
    restore_prep() {
        STAND_IN_SOCK="$MARIA/sock" STAND_IN_LOG="$log" ansible-playbook -i "$TIDB_FAKE/inventory.yml" \
            tests/tidb/restore-prep.yml -e "restore_tidb_port=$port" -e "restore_tidb_ca=$CA/ca.crt" \
            -e vault_caddy_tidb_root_password=test-root-pw "$@"
    }
    # The bootstrap's empty caddy_shopping (and an empty test, which BR ignores): dropped, then restored.
    maria_sql "CREATE DATABASE test"
    [ "$(maria_sql "SHOW DATABASES LIKE 'caddy_shopping'")" = caddy_shopping ] || return 1
    restore_prep >"$TMP/restore1.log" 2>&1 || { tail -30 "$TMP/restore1.log"; return 1; }
    cat "$log"
    grep -q -- '--stop-log-task .* --restored-ts latest | user databases: none$' "$log" || return 1
    [ -z "$(maria_sql "SHOW DATABASES LIKE 'caddy_shopping'")" ] || { echo "caddy_shopping was not dropped"; return 1; }
    # A database with tables is refused, BR not called, nothing dropped ...
    maria_sql "CREATE DATABASE caddy_shopping; CREATE TABLE caddy_shopping.users (id INT)"
    restore_prep >"$TMP/restore2.log" 2>&1 && { echo "restored over a database with tables"; return 1; }
    tr -s ' \n' ' ' <"$TMP/restore2.log" | grep -q 'caddy_shopping hold tables and BR restores only into a cluster without user databases' || return 1
    [ "$(wc -l <"$log")" -eq 1 ] && [ "$(maria_sql "SHOW TABLES FROM caddy_shopping")" = users ] || return 1
    # ... unless asked (the application's database only).
    maria_sql "CREATE DATABASE other; CREATE TABLE other.t (id INT)"
    restore_prep -e restore_tidb_drop_database=true >"$TMP/restore3.log" 2>&1 && { echo "dropped a database it was not asked to"; return 1; }
    [ "$(maria_sql "SHOW DATABASES LIKE 'other'")" = other ] || return 1
    maria_sql "DROP DATABASE other"
    restore_prep -e restore_tidb_drop_database=true >"$TMP/restore4.log" 2>&1 || { tail -30 "$TMP/restore4.log"; return 1; }
    [ "$(tail -n1 "$log" | sed 's/.*| //')" = "user databases: none" ] || return 1
    [ "$(maria_sql "SHOW DATABASES LIKE 'test'")" = test ]
}
# DB_PASSWORD etc. as the service has them; DB_SSL_* from app1's rendered environment file.
connector() {
    local jar=$1 port
    shift
    port=$(cat "$MARIA/port")
    local args
    mapfile -t args < <(/usr/bin/python3 "$TIDB_TESTS/connector_args.py" "$RENDER/app1/etc/caddy-backend/caddy-backend.env" \
        DB_HOST=127.0.0.1 "DB_PORT=$port" DB_USERNAME=caddy_app DB_PASSWORD=test-app-pw DB_DATABASE=caddy_shopping "$@")
    java -cp "$jar" "$TIDB_TESTS/ConnectorCheck.java" "${args[@]}"
}
tidb_app_tls() {
    local jar=~/.m2/repository/com/mysql/mysql-connector-j/9.5.0/mysql-connector-j-9.5.0.jar
    if [ ! -f "$jar" ]; then
        mvn -B -q dependency:copy -Dartifact=com.mysql:mysql-connector-j:9.5.0 -DoutputDirectory="$TMP" || return 1
        jar="$TMP/mysql-connector-j-9.5.0.jar"
    fi
    grep -qx 'DB_SSL_MODE="VERIFY_CA"' "$RENDER/app1/etc/caddy-backend/caddy-backend.env" || { echo "app1 is not on VERIFY_CA"; return 1; }
    keytool -list -keystore "$(sed -n "s/^DB_SSL_TRUSTSTORE_URL=\"file:\(.*\)\"$/\1/p" "$RENDER/app1/etc/caddy-backend/caddy-backend.env")" -storepass caddy-tidb-truststore | grep -q caddy-tidb-ca || return 1
    echo "VERIFY_CA with the rendered trust store:"
    connector "$jar" | grep -q '^connected, TLS: TLSv1\.[23]' || return 1
    # A trust store without the cluster CA (the JVM's own): refused.
    echo "VERIFY_CA with the JVM's trust store:"
    ! connector "$jar" DB_SSL_TRUSTSTORE_URL= DB_SSL_TRUSTSTORE_PASSWORD= || return 1
    # The defaults of dev and the test fleet (PREFERRED, no trust store) still connect.
    echo "PREFERRED without a trust store:"
    connector "$jar" DB_SSL_MODE=PREFERRED DB_SSL_TRUSTSTORE_URL= DB_SSL_TRUSTSTORE_PASSWORD= | grep -q '^connected' || return 1
    # Plaintext is refused by require_secure_transport.
    echo "DISABLED:"
    ! connector "$jar" DB_SSL_MODE=DISABLED
}
