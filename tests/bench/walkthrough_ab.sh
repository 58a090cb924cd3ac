#!/usr/bin/env bash
# Paired A/B of the walk-through's latency (switching part, saving a score): the window of today
# against the window of an earlier commit (BASE, default 81b3f18, before issues 12-17), both on
# today's keel-app so only the UI differs, measured in turns (A, B, A, B, ...) so machine load
# falls on both alike. Usage: tests/bench/walkthrough_ab.sh [BASE] [ROUNDS]
set -euo pipefail
base=${1:-81b3f18}
rounds=${2:-3}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$root/ui/dist"; mv "$work/today" "$root/ui/dist"; git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; cargo build -q -p keel-app; rm -rf "$work"' EXIT

git -C "$root" worktree add -f "$work/base" "$base" >/dev/null
ln -s "$root/ui/node_modules" "$work/base/ui/node_modules"
(cd "$work/base/ui" && npx vite build --logLevel error)
npm --prefix "$root/ui" run build --silent >/dev/null
cp -r "$root/ui/dist" "$work/today"

measure() {
  rm -rf "$root/ui/dist"
  cp -r "$1" "$root/ui/dist"
  cargo build -q -p keel-app
  cargo test -q -p keel-e2e --test e2e -- --ignored --nocapture --exact \
    measure_walkthrough_latency 2>/dev/null | grep -E 'median' | tr '\n' ' '
  echo
}
for _ in $(seq "$rounds"); do
  echo "today: $(measure "$work/today")"
  echo "$base: $(measure "$work/base/ui/dist")"
done
