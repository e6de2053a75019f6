#!/usr/bin/env bash
# Serves the demo data from the release build and measures, with wrk on loopback, a published
# claim page (anonymous, as a shared link opens it) against a static file of the same bytes
# served by the same process. Usage: bash bench/claim-page.sh [seconds] [connections]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release/claimtrail"
secs="${1:-10}"
conns="${2:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$bin" ] || { echo "$bin is missing: cargo leptos build --release" >&2; exit 1; }
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
CLAIMTRAIL_DEMO_PASSWORD=bench-password-1 "$bin" serve --demo --bind "127.0.0.1:$port" \
  --site-root "$root/target/site" --database-url "sqlite://$tmp/bench.db?mode=rwc" --audit-key-file "$tmp/audit.key" --log-level warn >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"; rm -f "$root/target/site/bench-static.html"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
slug=$(curl -fs "http://127.0.0.1:$port/api/v1/claims" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
page="http://127.0.0.1:$port/claims/$slug"
curl -fs "$page" > "$root/target/site/bench-static.html"
bytes=$(wc -c < "$root/target/site/bench-static.html")
run() { wrk -t2 -c"$conns" -d"${secs}s" --latency "$1" | awk '/Requests\/sec/ {rps=$2} /50%/ {p50=$2} /99%/ {p99=$2} END {print rps, p50, p99}'; }
read -r page_rps page_p50 page_p99 < <(run "$page")
read -r static_rps static_p50 static_p99 < <(run "http://127.0.0.1:$port/bench-static.html")
# A query string bypasses the page cache: the cost of rendering the page from the database.
read -r fresh_rps fresh_p50 fresh_p99 < <(run "$page?fresh=1")
echo "claim page: $bytes bytes, $secs s, $conns connections, wrk -t2"
printf '| %-28s | %10s | %8s | %8s |\n' "what" "req/s" "p50" "p99"
printf '| %-28s | %10s | %8s | %8s |\n' "published claim page" "$page_rps" "$page_p50" "$page_p99"
printf '| %-28s | %10s | %8s | %8s |\n' "static file, same bytes" "$static_rps" "$static_p50" "$static_p99"
printf '| %-28s | %10s | %8s | %8s |\n' "page rendered fresh" "$fresh_rps" "$fresh_p50" "$fresh_p99"
python3 -c "print(f'ratio page/static: {float(\"$page_rps\")/float(\"$static_rps\"):.2f}')"
