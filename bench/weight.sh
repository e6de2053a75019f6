#!/usr/bin/env bash
# What each kind of page weighs as a browser receives it from the release build with the demo
# data: the page's HTML, its stylesheet, and the JavaScript and wasm it loads, each as sent with
# `Accept-Encoding: br` (brotli; the build's precompressed assets for CSS, JS and wasm). Readers'
# pages must load no wasm at all; `bench/weight-budget.txt` holds the budgets this prints against
# (`WEIGHT_CHECK=1` makes a broken budget fail the script).
# Usage: bash bench/weight.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release/claimtrail"
site="${SITE_ROOT:-$root/target/site}"
[ -x "$bin" ] || { echo "$bin is missing: cargo leptos build --release --precompress" >&2; exit 1; }
[ -d "$site/pkg" ] || { echo "$site/pkg is missing: cargo leptos build --release --precompress" >&2; exit 1; }
password=bench-password-1
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
CLAIMTRAIL_DEMO_PASSWORD=$password "$bin" serve --demo --bind "127.0.0.1:$port" --site-root "$site" \
  --database-url "sqlite://$tmp/weight.db?mode=rwc" --audit-key-file "$tmp/audit.key" --log-level warn >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 300); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || { echo "the server did not start:" >&2; cat "$tmp/server.log" >&2; exit 1; }

slug=$(curl -fs "$base/api/v1/claims" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
# The first match of a pattern in a page, or nothing (never a failure: the caller says what is
# missing). Everything is read, so nothing upstream dies of a closed pipe.
first() { { grep -o "$1" || true; } | awk 'NR == 1'; }
story=$(curl -fs "$base/claims/$slug" | first 'href="/stories/[^"]*"' | cut -d'"' -f2)
login_path=$(curl -fs "$base/login" | first 'action="/api/login[0-9]*"' | cut -d'"' -f2)
[ -n "$login_path" ] || { echo "no sign-in form on /login" >&2; exit 1; }
cookie=$(curl -fs -o /dev/null -D - "$base$login_path" -H "Origin: $base" -H 'Accept: text/html' \
  --data-urlencode "email=editor@claimtrail.test" --data-urlencode "password=$password" --data-urlencode "next=/" |
  tr -d '\r' | first '^[Ss]et-[Cc]ookie: ct_session=[^;]*' | sed 's/^[^:]*: //')
[ -n "$cookie" ] || { echo "signing in as the demo editor gave no session cookie" >&2; exit 1; }
claim=$(curl -fs -H "Cookie: $cookie" "$base/review" | first '/review/claims/[0-9a-f-]\{36\}')
article=$(curl -fs -H "Cookie: $cookie" "$base/" | first '/articles/[0-9a-f-]\{36\}')
for found in story claim article; do
  [ -n "${!found}" ] || { echo "the demo has no $found page to weigh" >&2; exit 1; }
done

# Bytes of a URL as sent with brotli allowed.
br() { curl -fs -H 'Accept-Encoding: br' ${2:+-H "Cookie: $2"} "$base$1" | wc -c; }
# One row: kind, path, cookie (empty for a reader).
failed=0
row() {
  local kind=$1 path=$2 who=${3:-}
  local html page css=0 js=0 wasm=0 asset
  page=$(curl -fs ${who:+-H "Cookie: $who"} "$base$path")
  html=$(br "$path" "$who")
  for asset in $(printf '%s' "$page" | { grep -o '/pkg/[^"]*\.\(css\|js\|wasm\)' || true; } | sort -u); do
    case "$asset" in
      *.css) css=$((css + $(br "$asset"))) ;;
      *.js) js=$((js + $(br "$asset"))) ;;
      *.wasm) wasm=$((wasm + $(br "$asset"))) ;;
    esac
  done
  local total=$((html + css + js + wasm))
  printf '| %-34s | %9s | %7s | %7s | %9s | %9s |\n' "$kind" "$html" "$css" "$js" "$wasm" "$total"
  echo "$kind $wasm $total" >> "$tmp/rows"
}
echo "release build, demo data, bytes as sent with Accept-Encoding: br"
printf '| %-34s | %9s | %7s | %7s | %9s | %9s |\n' "page" "HTML" "CSS" "JS" "wasm" "total"
printf '|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "----------:" "--------:" "--------:" "----------:" "----------:"
row "reader: home (visitor)" "/"
row "reader: fact-check list" "/claims"
row "reader: fact-check list, searched" "/claims?q=killed"
row "reader: claim page" "/claims/$slug"
row "reader: embed card" "/claims/$slug/embed"
row "reader: story page" "$story"
row "staff: home" "/" "$cookie"
row "staff: review queue" "/review" "$cookie"
row "staff: article" "$article" "$cookie"
row "staff: claim workspace" "$claim" "$cookie"
row "staff: dashboard" "/admin" "$cookie"

# Budgets: reader pages load no wasm and stay under their total; staff pages' wasm stays under
# its budget.
budget() { awk -v k="$1" -F'=' '$1 ~ "^"k" *$" {gsub(/ /, "", $2); print $2}' "$root/bench/weight-budget.txt"; }
reader_total=$(budget reader_total_bytes)
claim_total=$(budget claim_page_total_bytes)
staff_wasm=$(budget staff_wasm_bytes)
while read -r kind_rest; do
  kind=${kind_rest% * *}
  set -- $kind_rest
  total=${*: -1}
  wasm=${*: -2:1}
  case "$kind" in
    reader:*)
      [ "$wasm" -eq 0 ] || { echo "over budget: $kind loads $wasm B of wasm (budget 0)"; failed=1; }
      [ "$total" -le "$reader_total" ] || { echo "over budget: $kind weighs $total B (budget $reader_total)"; failed=1; }
      ;;
    staff:*)
      [ "$wasm" -le "$staff_wasm" ] || { echo "over budget: $kind loads $wasm B of wasm (budget $staff_wasm)"; failed=1; }
      ;;
  esac
  if [ "$kind" = "reader: claim page" ] && [ "$total" -gt "$claim_total" ]; then
    echo "over budget: the claim page weighs $total B (budget $claim_total)"; failed=1
  fi
done < "$tmp/rows"
if [ "$failed" -eq 0 ]; then echo "every page is within bench/weight-budget.txt"; fi
if [ "${WEIGHT_CHECK:-0}" = 1 ]; then exit "$failed"; fi
exit 0
