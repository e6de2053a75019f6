#!/usr/bin/env bash
# The staff page of one long-running story, over HTTP from the release build: a folder of
# invented reports of one event (written by the `ingest_rate` bench with PER_EVENT=ARTICLES:
# invented places, groups and figures, nothing from any real article) is ingested with
# `claimtrail ingest` into a fresh SQLite database, an editor signs in, and each view of the
# story's page is fetched: its size raw and brotli-compressed, and the median of five timed
# reads after one untimed. Usage: bash bench/story-page.sh [articles]   (default 1000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
bin="${CLAIMTRAIL_BIN:-$target/release/claimtrail}"
articles="${1:-1000}"
[ -x "$bin" ] || { echo "$bin is missing: cargo build --release -p server" >&2; exit 1; }
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
# The reports, written by the ingest bench (which also times its own ingest of them).
(cd "$root/tests" && ARTICLES="$articles" PER_EVENT="$articles" INGEST_DIR="$tmp/reports" \
  CLAIMTRAIL_BIN="$bin" cargo bench -q -p claimtrail-tests --bench ingest_rate >/dev/null)
db="sqlite://$tmp/story.db?mode=rwc"
key="$tmp/audit.key"
t0=$(date +%s.%N)
"$bin" --database-url "$db" --audit-key-file "$key" --log-level warn ingest "$tmp"/reports/report-*.txt | tail -1
echo "ingested in $(echo "$(date +%s.%N) - $t0" | bc) s"
echo 'bench-password-12' | "$bin" --database-url "$db" --audit-key-file "$key" --log-level warn \
  user create --email editor@example.org --role editor --name Editor --password-stdin >/dev/null
mkdir -p "$tmp/site"
"$bin" --database-url "$db" --audit-key-file "$key" --log-level warn serve \
  --bind "127.0.0.1:$port" --site-root "$tmp/site" >/dev/null 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
action=$(curl -fs "$base/login" | grep -o 'action="/api/login[0-9]*"' | head -1 | sed 's/action="//;s/"//')
cookie=$(curl -s -i -X POST -H "Origin: $base" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'email=editor%40example.org&password=bench-password-12&next=%2F' "$base$action" |
  grep -o 'ct_session=[0-9a-f]*')
story=$(curl -fs -b "$cookie" "$base/review/stories" | grep -o '/review/stories/[0-9a-f-]\{36\}' | head -1)
printf '| %-22s | %12s | %10s | %12s |\n' "view" "bytes" "brotli" "median read"
printf '| %-22s | %12s | %10s | %12s |\n' "---" "---" "---" "---"
for q in "" "?page=2" "?all=1&page=1000" "?figures=all" "?articles=all"; do
  curl -fs -b "$cookie" -o /dev/null "$base$story$q"
  times=$(for _ in 1 2 3 4 5; do curl -fs -b "$cookie" -o "$tmp/page.html" -w '%{time_total}\n' "$base$story$q"; done | sort -n)
  median=$(echo "$times" | sed -n 3p)
  raw=$(wc -c < "$tmp/page.html")
  br=$(curl -fs -b "$cookie" -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$base$story$q")
  printf '| %-22s | %12s | %10s | %9.1f ms |\n' "${q:-first page}" "$raw" "$br" "$(echo "$median * 1000" | bc)"
done
