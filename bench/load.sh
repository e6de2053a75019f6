#!/usr/bin/env bash
# Mixed load on the release build with the demo data: anonymous claim pages, search and the
# ClaimReview feed, a signed-in reviewer's queue and workspaces, and about 1 % writes (comments
# posted through the same server function as the workspace's form). Reports requests/s, p50/p99,
# 5xx answers, writes acknowledged against writes stored (lost writes), and the server's peak RSS.
# Usage: bash bench/load.sh sqlite|postgres [seconds] [connections]
#   postgres: LOAD_PG_URL (default postgres://postgres:@localhost:5499/claimtrail_load?host=/tmp);
#   that database is dropped and created afresh, and dropped at the end.
#   SITE_ROOT: the built site (default: target/site in the repository, where cargo-leptos puts it).
#   LOAD_KEEP: a folder to keep wrk's output, the server's log and the RSS samples in.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release/claimtrail"
site="${SITE_ROOT:-$root/target/site}"
db="${1:-}"
secs="${2:-300}"
conns="${3:-256}"
case "$db" in sqlite | postgres) ;; *)
  echo "usage: bash bench/load.sh sqlite|postgres [seconds] [connections]" >&2
  exit 2
  ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$bin" ] || { echo "$bin is missing: cargo leptos build --release" >&2; exit 1; }
[ -d "$site" ] || { echo "$site is missing: set SITE_ROOT to the built site" >&2; exit 1; }
password=bench-password-1
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
pid=""
sampler=""
pg_admin=""
pg_name=""
cleanup() {
  set +e
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$pg_name" ] && psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_name\"" >/dev/null 2>&1
  # LOAD_KEEP=dir keeps wrk's output, the server's log, the RSS samples and the answers' files.
  [ -n "${LOAD_KEEP:-}" ] && mkdir -p "$LOAD_KEEP" && cp -r "$tmp"/wrk.txt "$tmp"/server.log "$tmp"/rss.txt "$tmp"/out "$LOAD_KEEP"/
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$db" = sqlite ]; then
  command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
  url="sqlite://$tmp/load.db?mode=rwc"
  query() { sqlite3 "$tmp/load.db" "$1"; }
else
  command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }
  url="${LOAD_PG_URL:-postgres://postgres:@localhost:5499/claimtrail_load?host=/tmp}"
  # The database name is the URL's path; the same server's `postgres` database administers it.
  pg_name=$(python3 -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip("/"))' "$url")
  [ -n "$pg_name" ] || { echo "LOAD_PG_URL names no database: $url" >&2; exit 1; }
  pg_admin=$(python3 -c 'import sys, urllib.parse as u; s = u.urlsplit(sys.argv[1]); print(s._replace(path="/postgres").geturl())' "$url")
  PGOPTIONS=--client-min-messages=warning psql -q -v ON_ERROR_STOP=1 "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_name\"" -c "CREATE DATABASE \"$pg_name\"" >/dev/null
  query() { psql -qAt -v ON_ERROR_STOP=1 "$url" -c "$1"; }
fi

CLAIMTRAIL_DEMO_PASSWORD=$password "$bin" serve --demo --bind "127.0.0.1:$port" --site-root "$site" \
  --database-url "$url" --audit-key-file "$tmp/audit.key" --log-level warn --log-format json >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  curl -fs "$base/healthz" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
curl -fs "$base/healthz" >/dev/null || { echo "the server did not start:" >&2; cat "$tmp/server.log" >&2; exit 1; }

# What a first visitor and a reviewer would find: the published demo claim, the sign-in form's
# server function, the queue's claims and the comment form's server function.
slug=$(curl -fs "$base/api/v1/claims" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
login_path=$(curl -fs "$base/login" | grep -o 'action="/api/login[0-9]*"' | head -1 | cut -d'"' -f2)
[ -n "$login_path" ] || { echo "no sign-in form on /login" >&2; exit 1; }
cookie=$(curl -fs -o /dev/null -D - "$base$login_path" -H "Origin: $base" -H 'Accept: text/html' \
  --data-urlencode "email=reviewer@claimtrail.test" --data-urlencode "password=$password" --data-urlencode "next=/" |
  tr -d '\r' | grep -i '^set-cookie: ct_session=' | head -1 | sed 's/^[^:]*: //; s/;.*//')
[ -n "$cookie" ] || { echo "signing in as the demo reviewer gave no session cookie" >&2; exit 1; }
mapfile -t claims < <(curl -fs -H "Cookie: $cookie" "$base/review" | grep -o '/review/claims/[0-9a-f-]\{36\}' | cut -d/ -f4 | awk '!seen[$0]++')
[ "${#claims[@]}" -ge 2 ] || { echo "the review queue shows fewer than two claims" >&2; exit 1; }
# Comments go to the first claim of the queue; the others' workspaces are read. A workspace
# lists every comment, so reading the written claim would measure a page growing by thousands of
# comments over the run rather than the load.
write_claim=${claims[0]}
comment_path=$(curl -fs -H "Cookie: $cookie" "$base/review/claims/$write_claim" | grep -o 'action="/api/add_comment[0-9]*"' | head -1 | cut -d'"' -f2)
[ -n "$comment_path" ] || { echo "no comment form on the workspace of $write_claim" >&2; exit 1; }
# Search words: those of the published claim (hits) and one that matches nothing.
words=$(curl -fs "$base/api/v1/claims/$slug" | python3 -c '
import json, re, sys
claim = json.load(sys.stdin)["claim"]
text = " ".join(str(claim.get(k) or "") for k in ("quote", "claimant", "target"))
seen = []
for w in re.findall(r"[A-Za-z]{5,}", text):
    w = w.lower()
    if w not in seen:
        seen.append(w)
print(" ".join(seen[:12] + ["zzyzxnothing"]))')
before=$(query "SELECT count(*) FROM comment")
echo "$db: published claim /claims/$slug; ${#claims[@]} claims in the reviewer's queue, comments on" \
  "$write_claim, the other $((${#claims[@]} - 1)) workspaces read; search words: $words"

# The server's resident memory, once a second; the peak is reported.
(while kill -0 "$pid" 2>/dev/null; do
  awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null
  sleep 1
done) >"$tmp/rss.txt" &
sampler=$!

mkdir "$tmp/out"
started=$(date -u +%H:%M:%S.%N | cut -c1-12)
LOAD_COOKIE=$cookie LOAD_ORIGIN=$base LOAD_SLUG=$slug LOAD_WORKSPACES="${claims[*]:1}" \
  LOAD_WORDS=$words LOAD_COMMENT_PATH=$comment_path LOAD_WRITE_CLAIM=$write_claim LOAD_OUT="$tmp/out" \
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 30s --latency -s "$root/bench/load.lua" "$base/" >"$tmp/wrk.txt" 2>&1 ||
  { cat "$tmp/wrk.txt" >&2; exit 1; }
stopped=$(date -u +%H:%M:%S.%N | cut -c1-12)
# Requests still in flight when wrk stopped may yet be written: let them finish.
sleep 3
kill "$sampler" 2>/dev/null || true
sampler=""

summary=$(grep '^LOAD ' "$tmp/wrk.txt") || { echo "wrk gave no summary:" >&2; cat "$tmp/wrk.txt" >&2; exit 1; }
get() { tr ' ' '\n' <<<"$summary" | awk -F= -v k="$1" '$1 == k {print $2}'; }
rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
after=$(query "SELECT count(*) FROM comment")
query "SELECT body FROM comment WHERE body LIKE 'load-%'" | cut -d' ' -f1 | sort >"$tmp/stored.txt"
cat "$tmp/out"/acked-*.txt | sort >"$tmp/acked.txt"
acked=$(wc -l <"$tmp/acked.txt")
stored=$(wc -l <"$tmp/stored.txt")
lost=$(comm -23 "$tmp/acked.txt" "$tmp/stored.txt" | wc -l)
duplicates=$(uniq -d "$tmp/stored.txt" | wc -l)
unacked=$(comm -13 "$tmp/acked.txt" "$tmp/stored.txt" | wc -l)
peak_kb=$(sort -n "$tmp/rss.txt" | tail -1)
start_kb=$(head -1 "$tmp/rss.txt")
server_errors=$(grep -c -E '"level":"(WARN|ERROR)"' "$tmp/server.log" || true)

echo "$db: $secs s, $conns connections, wrk -t2 --timeout 30s; requests: $(get requests)" \
  "(pages $(get sent_page), search $(get sent_search), feed $(get sent_feed), queue $(get sent_queue)," \
  "workspaces $(get sent_workspace), writes $(get sent_write))"
echo "answers: 2xx $(get status_2xx), 3xx $(get status_3xx), 4xx $(get status_4xx), 5xx $(get status_5xx)," \
  "JSON errors (refused writes) $(get json_errors); socket errors: connect $(get connect_errors)," \
  "read $(get read_errors), write $(get write_errors), timeouts $(get timeouts)"
echo "comments: $before before, $after after; writes acknowledged $acked, stored $stored," \
  "lost $lost, stored twice $duplicates, stored without an answer $unacked"
echo "server log (UTC; wrk ran from $started to $stopped): $server_errors warning/error lines; RSS ${start_kb} kB at start of the run, peak ${peak_kb} kB"
if [ "$server_errors" -gt 0 ]; then
  echo "first warnings and errors:"
  # The message and its fields after the time of the first of each kind (repeats count together).
  grep -E '"level":"(WARN|ERROR)"' "$tmp/server.log" | sed 's/"timestamp":"[^"]*T\([^"]*\)",/\1 /' | cut -c1-300 |
    sort -k2 | uniq -c -f1 | sort -rn | head -8
fi
if [ "$(get status_4xx)" -gt 0 ] || [ "$(get status_5xx)" -gt 0 ]; then
  echo "error answers (status, first bytes):"
  cat "$tmp/out"/errors-*.txt | cut -c1-160 | sort | uniq -c | sort -rn | head -8
fi
printf '| %s | %s | %s s | %s | %s ms | %s ms | %s | %s | %s / %s | %s | %s MB |\n' \
  "$db" "$conns" "$secs" "$rps" "$(get p50_ms)" "$(get p99_ms)" "$(get status_5xx)" \
  "$(($(get connect_errors) + $(get read_errors) + $(get write_errors) + $(get timeouts)))" \
  "$acked" "$(get sent_write)" "$lost" "$((peak_kb / 1024))"
