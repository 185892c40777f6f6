#!/usr/bin/env bash
# The whole suite: type-check, then every ava test; ends with "N passed, M failed, K skipped".
# Fails when a test failed, when the type-check failed, or when no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."
out_dir="${KILN_TEST_OUT:-$(mktemp -d)}"
tap="$out_dir/ava.tap"

echo "== type-check (tsc --noEmit)"
npx tsc --noEmit -p .
tsc_rc=$?

echo "== tests (ava)"
npx ava --tap "$@" | tee "$tap"
ava_rc=${PIPESTATUS[0]}

pass=$(awk '/^# pass/{print $3}' "$tap")
fail=$(awk '/^# fail/{print $3}' "$tap")
skip=$(awk '/^# skip/{print $3}' "$tap")
pass=${pass:-0}; fail=${fail:-0}; skip=${skip:-0}
if [ "$tsc_rc" -ne 0 ]; then fail=$((fail + 1)); echo "type-check failed"; fi
echo
if [ "$pass" -eq 0 ]; then echo "no test ran"; echo "0 passed, ${fail} failed"; exit 1; fi
echo "${pass} passed, ${fail} failed, ${skip} skipped"
if [ "$ava_rc" -ne 0 ] || [ "$tsc_rc" -ne 0 ] || [ "$fail" -ne 0 ]; then exit 1; fi
exit 0
