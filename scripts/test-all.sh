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

# The deployment suites run at the same time: the first (ansible/tests/run, mostly CPU-bound
# renders) prints as it goes, the others (which mostly wait on the servers they start) into their
# own logs, each printed whole after the first. Each uses its own temp dir and free loopback ports.
suite_result() { # suite, its output file, its exit status
  local line passed failed
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1 || true)
  passed=$(awk '{print $1}' <<<"${line:-0 passed, 0 failed}")
  failed=$(awk '{print $3}' <<<"${line:-0 passed, 0 failed}")
  if [[ $3 -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  rm -f "$2"
  record "$1" "$passed" "$failed"
}
declare -a suites=() outs=() pids=()
for suite in "$@"; do
  if [[ ! -x "$suite" && ! -f "$suite" ]]; then
    echo "== $suite"
    echo "missing test suite $suite"
    record "$suite" 0 1
    continue
  fi
  suites+=("$suite")
done
for suite in "${suites[@]:1}"; do
  out=$(mktemp)
  bash "$suite" >"$out" 2>&1 &
  outs+=("$out")
  pids+=("$!")
done
if ((${#suites[@]} > 0)); then
  echo "== ${suites[0]} (${suites[*]:1} at the same time, printed after it)"
  out=$(mktemp)
  bash "${suites[0]}" 2>&1 | tee "$out"
  suite_result "${suites[0]}" "$out" "${PIPESTATUS[0]}"
fi
for i in "${!pids[@]}"; do
  wait "${pids[i]}"
  status=$?
  echo "== ${suites[i + 1]}"
  cat "${outs[i]}"
  suite_result "${suites[i + 1]}" "${outs[i]}" "$status"
done

echo
echo "== summary ($((SECONDS - started)) s)"
for i in "${!names[@]}"; do
  printf '  %-32s %s\n' "${names[i]}" "${results[i]}"
done
echo "make test: $total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
