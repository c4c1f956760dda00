#!/usr/bin/env bash
# Installs errdocs for the GitHub Action (action.yml) and puts it on the job's PATH.
#
# - ERRDOCS_VERSION empty: builds errdocs from the action's own source, the folder
#   GITHUB_ACTION_PATH (the repository at the commit or tag the workflow names), with
#   `cargo install --locked`.
# - ERRDOCS_VERSION set (0.1.0 or v0.1.0): downloads that release's archive for this
#   runner (ERRDOCS_RUNNER, "OS/ARCH") from ERRDOCS_ACTION_REPOSITORY (else the
#   repository named in the action's Cargo.toml), checks its SHA-256 against the
#   release's SHA256SUMS, and unpacks it.
set -euo pipefail

: "${GITHUB_ACTION_PATH:?run this from action.yml}"
: "${RUNNER_TEMP:?run this in a GitHub Actions job}"
: "${GITHUB_PATH:?run this in a GitHub Actions job}"

if [ -z "${ERRDOCS_VERSION:-}" ]; then
  echo "Building errdocs from $GITHUB_ACTION_PATH"
  cargo install --locked --root "$RUNNER_TEMP/errdocs" --path "$GITHUB_ACTION_PATH"
  echo "$RUNNER_TEMP/errdocs/bin" >> "$GITHUB_PATH"
  exit 0
fi

version="v${ERRDOCS_VERSION#v}"
case "${ERRDOCS_RUNNER:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ext=tar.gz ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ext=tar.gz ;;
  macOS/ARM64) target=aarch64-apple-darwin ext=tar.gz ;;
  macOS/X64) target=x86_64-apple-darwin ext=tar.gz ;;
  Windows/X64) target=x86_64-pc-windows-msvc ext=zip ;;
  *)
    echo "::error::errdocs has no release binary for ${ERRDOCS_RUNNER:-this runner}; leave out 'version' to build it from source"
    exit 1
    ;;
esac
repository="${ERRDOCS_ACTION_REPOSITORY:-}"
if [ -z "$repository" ]; then
  repository=$(sed -n 's|^repository = "https://github.com/\(.*\)"$|\1|p' "$GITHUB_ACTION_PATH/Cargo.toml")
fi
name="errdocs-$version-$target"
url="https://github.com/$repository/releases/download/$version"

cd "$RUNNER_TEMP"
echo "Downloading $url/$name.$ext"
curl --fail --silent --show-error --location --retry 3 -o "$name.$ext" "$url/$name.$ext"
curl --fail --silent --show-error --location --retry 3 -o SHA256SUMS "$url/SHA256SUMS"
expected=$(awk -v file="$name.$ext" '$2 == file { print $1 }' SHA256SUMS)
if command -v sha256sum >/dev/null; then
  actual=$(sha256sum "$name.$ext" | cut -d ' ' -f 1)
else
  actual=$(shasum -a 256 "$name.$ext" | cut -d ' ' -f 1)
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "::error::the SHA-256 of $name.$ext is $actual; the release's SHA256SUMS says '${expected:-nothing}'"
  exit 1
fi
if [ "$ext" = zip ]; then
  7z x -y "$name.zip" >/dev/null
else
  tar -xzf "$name.tar.gz"
fi
echo "$RUNNER_TEMP/$name" >> "$GITHUB_PATH"
