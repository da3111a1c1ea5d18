#!/usr/bin/env bash
# Fresh-clone check: clone the committed HEAD into a temporary folder (with the shared data folder beside it,
# as CI has it) and run .ci/run there, i.e. README's two commands exactly as written. Fails if either fails.
set -euo pipefail
repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
tmp="$(mktemp -d)"
git clone -q "$repo" "$tmp/modnas_nb"
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$tmp/shared"
echo "fresh clone of $(git -C "$repo" rev-parse --short HEAD) in $tmp/modnas_nb"
cd "$tmp/modnas_nb" && CI=true bash .ci/run
