#!/usr/bin/env bash
# `make test`: the service's unit and integration tests (Maven Surefire + Failsafe against real
# MariaDB/Redis/Sentinel processes), then each deployment suite given as an argument. Prints one
# summary and exits non-zero if anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

declare -a names=() results=()
total_passed=0 total_failed=0

record() { # name, passed, failed
  names+=("$1"); results+=("$2 passed, $3 failed")
  total_passed=$((total_passed + $2)); total_failed=$((total_failed + $3))
}

started=$SECONDS
echo "== service: mvn verify"
mvn -B clean verify -Dstyle.color=never 2>&1 | tee target-test-service.log | grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run|Running|BUILD|FAIL)|<<<|ERROR\]' || true
mvn_status=${PIPESTATUS[0]}
read -r passed failed < <(python3 "$root/scripts/junit-counts.py" service/target/surefire-reports service/target/failsafe-reports)
if [[ $mvn_status -ne 0 && $failed -eq 0 ]]; then
  failed=1   # the build itself failed (compilation, enforcer, ...): see target-test-service.log
  tail -n 40 target-test-service.log
fi
record "service (unit + integration)" "$passed" "$failed"

for suite in "$@"; do
  echo "== $suite"
  if [[ ! -x "$suite" && ! -f "$suite" ]]; then
    echo "missing test suite $suite"
    record "$suite" 0 1
    continue
  fi
  out=$(mktemp)
  bash "$suite" 2>&1 | tee "$out"
  status=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 || true)
  passed=$(awk '{print $1}' <<<"${line:-0 passed, 0 failed}")
  failed=$(awk '{print $3}' <<<"${line:-0 passed, 0 failed}")
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  rm -f "$out"
  record "$suite" "$passed" "$failed"
done

echo
echo "== summary ($((SECONDS - started)) s)"
for i in "${!names[@]}"; do
  printf '  %-32s %s\n' "${names[i]}" "${results[i]}"
done
echo "make test: $total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
