#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suite, `errdocs fmt --check` on the
# shipped records, then the browser tests (installing Debian's chromium and the npm
# packages of tests/browser/ when missing, and the GitHub Actions linters pinned in
# scripts/lint-tools.txt into target/lint-tools/).
# Ends with one line counting every test run: "N passed, N failed, N skipped".
#
# A test that cannot run its real check here (say, no way to mount a small disk) says so
# on a line starting with "errdocs-test-skipped:" and is counted as skipped, not passed;
# so are ignored Rust tests and skipped browser tests. Any failure, or a suite that did
# not run to its end, makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# actionlint, zizmor and shellcheck from PyPI (each wheel carries its binary), for the
# tests of the workflows (tests/it/workflows.rs): into a virtual environment of their own,
# again whenever scripts/lint-tools.txt changes.
tools=target/lint-tools
if [ ! -f "$tools/installed.txt" ] || ! cmp -s scripts/lint-tools.txt "$tools/installed.txt"; then
  echo "== installing the workflow linters (scripts/lint-tools.txt)"
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
    as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
  fi
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check -r scripts/lint-tools.txt
  cp scripts/lint-tools.txt "$tools/installed.txt"
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked 2>&1 | tee -a "$log" || status=1
echo "== errdocs fmt --check (the shipped records are formatted)"
cargo run --quiet --locked -- fmt --check || status=1
if [ -f tests/browser/package.json ]; then
  echo "== browser tests"
  bash tests/browser/run.sh 2>&1 | tee -a "$log" || status=1
fi

# cargo: "test result: ok. 82 passed; 0 failed; 1 ignored; ..."; node --test: "# pass 12",
# "# fail 0", "# cancelled 0", "# skipped 0", "# todo 0".
summary=$(awk '
  /^test result:/ { p += $4; f += $6; s += $8 }
  /^# pass /      { p += $3 }
  /^# fail /      { f += $3 }
  /^# cancelled / { f += $3 }
  /^# skipped /   { s += $3 }
  /^# todo /      { s += $3 }
  index($0, "errdocs-test-skipped:") == 1 { print > "/dev/stderr"; p -= 1; s += 1 }
  END { print p + 0, f + 0, s + 0 }
' "$log")
read -r passed failed skipped <<<"$summary"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
