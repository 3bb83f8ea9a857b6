#!/usr/bin/env bash
# Runs Debian's sqlmap against e-Pengaduan's public endpoints on loopback and reports
# what it found (issue 11). Not part of `npm test`: it takes minutes.
#
#   bench/security/sqlmap.sh                     # embedded PostgreSQL (PGlite) in a temp folder
#   DATABASE_URL=postgres://... bench/security/sqlmap.sh   # a PostgreSQL server (its database is used as is)
#   LEVEL=3 RISK=2 bench/security/sqlmap.sh      # deeper (default: level 2, risk 1)
#
# Needs: apt-get install -y sqlmap jq. Exit status: 0 when nothing is injectable, 1 when
# sqlmap reports an injection, 2 when the run itself failed.
#
# Rate limits: the app answers 429 after a number of tries per address (tracking: 120 per
# 15 minutes), which would hide an endpoint from sqlmap. The server here trusts one proxy
# hop and sqlmap's `xforwardedfor` tamper sends a random X-Forwarded-For per request, so
# every request counts as a new address. (Production runs with TRUST_PROXY matching its
# real proxy, where a client cannot choose its address.)
set -uo pipefail
cd "$(dirname "$0")/../.."
command -v sqlmap >/dev/null || { echo "sqlmap is not installed (apt-get install -y sqlmap)"; exit 2; }
command -v jq >/dev/null || { echo "jq is not installed (apt-get install -y jq)"; exit 2; }

PORT="${PORT:-38411}"
LEVEL="${LEVEL:-2}"
RISK="${RISK:-1}"
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d /tmp/epengaduan-sqlmap-XXXXXX)"
export NODE_ENV=production SESSION_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" COOKIE_SECURE=false \
  HOST=127.0.0.1 PORT TRUST_PROXY=1 LOG_LEVEL=warn DATA_DIR="$WORK/data" UPLOAD_DIR="$WORK/uploads" \
  MAIL_WORKER=false MAIL_INTAKE_WORKER=false SLA_SWEEP_MS=0 DEMO_DATA=false \
  REPORT_IP_LIMIT_PER_HOUR=1000000 LOGIN_IP_LIMIT=1000000 DUPLICATE_WINDOW_MINUTES=0 PUBLIC_URL="$BASE"

echo "== preparing the database (demo data, Open311 keys, one report)"
FIX="$(npx tsx bench/security/prepare.ts | tail -1)" || { echo "prepare failed"; exit 2; }
KEYS="$(jq -r '.keys | map("\"" + . + "\"") | join(",")' <<<"$FIX")"; CODE="$(jq -r .code <<<"$FIX")"; SECRET="$(jq -r .secret <<<"$FIX")"
CAT="$(jq -r .category <<<"$FIX")"; PUB="$(jq -r .published <<<"$FIX")"

echo "== starting the app on $BASE"
# Nothing else may answer there, or sqlmap would probe the wrong app.
curl -fs "$BASE/readyz" >/dev/null && { echo "something already listens on $BASE (set PORT)"; exit 2; }
# node itself (not npx), so that the PID killed at the end is the server's.
node --import tsx src/server.ts >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 1; done
curl -fs "$BASE/readyz" >/dev/null || { echo "the app did not start:"; cat "$WORK/server.log"; exit 2; }

COMMON=(--batch --flush-session --dbms=PostgreSQL --level="$LEVEL" --risk="$RISK" --time-sec=2
  --tamper=xforwardedfor --output-dir="$WORK/sqlmap" --disable-coloring)
REPORT="$WORK/summary.txt"
: >"$REPORT"
FOUND=0

# run NAME sqlmap-arguments...: one target; its verdict goes to the summary. ONLY=regex
# runs the targets whose name matches.
run() {
  local name="$1"; shift
  [[ -n "${ONLY:-}" && ! "$name" =~ $ONLY ]] && return
  local log="$WORK/$(tr -c 'a-zA-Z0-9' '_' <<<"$name").log"
  local started=$SECONDS
  # sqlmap refuses threads together with a CSRF token to refresh.
  local threads=(--threads=2); [[ "$*" == *--csrf-url* ]] && threads=()
  sqlmap "${COMMON[@]}" "${threads[@]}" "$@" >"$log" 2>&1
  local requests; requests="$(grep -Eo 'performed [0-9]+ queries' "$log" | grep -Eo '[0-9]+' | tail -1)"
  local verdict
  if grep -qE "is vulnerable|sqlmap identified the following injection point" "$log"; then
    verdict="INJECTABLE"; FOUND=1
    grep -E "^Parameter:|Type:|Title:" "$log" | sed 's/^/      /' >>"$REPORT"
  elif grep -q "do not appear to be injectable" "$log"; then verdict="not injectable"
  else verdict="UNCLEAR (see $log)"; fi
  printf '%-46s %-16s %6ss\n' "$name" "$verdict" "$((SECONDS - started))" | tee -a "$REPORT"
}

echo "== sqlmap level $LEVEL risk $RISK; logs in $WORK"
run "GET /publik (search, filters)" -u "$BASE/publik?q=jalan&agency=dpupr&category=$CAT&region=33.18.01&from=2024-01-01&to=2030-12-31&page=1"
run "GET /api/v1/public/reports" -u "$BASE/api/v1/public/reports?q=lampu&agency=dpupr&category=$CAT&page=1"
run "GET /api/v1/regions" -u "$BASE/api/v1/regions?parent=33.18.01&level=desa"
run "GET /publik/:code" -u "$BASE/publik/${PUB}*"
run "GET /publik/opd/:agency.json" -u "$BASE/publik/opd/dpupr*.json"
run "POST /lapor (web form)" -u "$BASE/lapor" --csrf-token=_csrf --csrf-url="$BASE/lapor" \
  --data="_csrf=x&kind=pengaduan&title=Jalan+rusak+di+Desa+Sambiroto&body=Jalan+desa+berlubang+besar+di+depan+balai+desa+sejak+dua+minggu.&name=Budi&email=budi%40example.com&phone=&nik=&categoryId=&kecamatan=&desa=&address=&consent=1&website="
run "POST /lacak (code and secret)" -u "$BASE/lacak" --csrf-token=_csrf --csrf-url="$BASE/lacak" --data="_csrf=x&code=$CODE&secret=$SECRET"
run "GET /lacak/:code?k=" -u "$BASE/lacak/${CODE}*?k=${SECRET}*"
run "POST /api/v1/reports (JSON)" -u "$BASE/api/v1/reports" --headers="Content-Type: application/json" \
  --data='{"kind":"pengaduan","title":"Jembatan retak di Dukuh Krajan","body":"Jembatan kayu penghubung dukuh retak di bagian tengah sejak banjir minggu lalu.","reporter":{"name":"Budi","email":"budi@example.com"},"anonymous":false,"confidential":false,"consent":true}'
run "GET /api/v1/reports/:code (token)" -u "$BASE/api/v1/reports/${CODE}*" --headers="X-Tracking-Token: ${SECRET}*"
run "POST /api/v1/reports/:code/messages" -u "$BASE/api/v1/reports/${CODE}/messages" \
  --headers="X-Tracking-Token: ${SECRET}" --data='{"body":"Tambahan: lampu kedua juga mati."}'
run "GET /open311/v2/requests.json" -u "$BASE/open311/v2/requests.json?service_code=$CAT&status=open&start_date=2024-01-01T00:00:00Z&end_date=2030-01-01T00:00:00Z"
run "GET /open311/v2/requests/:id.json" -u "$BASE/open311/v2/requests/${PUB}*.json"
run "GET /open311/v2/services/:code.json" -u "$BASE/open311/v2/services/${CAT}*.json"
# One key allows 300 posts an hour: each request takes one of the prepared keys at random,
# except when sqlmap is injecting into api_key itself (then its value is no longer "KEY").
run "POST /open311/v2/requests.json" -u "$BASE/open311/v2/requests.json" \
  --eval="import random; api_key = random.choice([$KEYS]) if api_key == 'KEY' else api_key" \
  --data="api_key=KEY&service_code=$CAT&description=Lampu+jalan+mati+di+depan+pasar+sejak+seminggu.&first_name=Budi&last_name=Santoso&email=budi%40example.com&address_string=Jalan+Pemuda&attribute%5Bkind%5D=pengaduan"

echo
echo "== summary (level $LEVEL, risk $RISK)"
cat "$REPORT"
# A 500 is a bug even when it is not an injection: list the paths that got one.
ERRORS="$(grep -c '"statusCode":500' "$WORK/server.log" || true)"
echo "server answers 500: ${ERRORS:-0}"
if [ "${ERRORS:-0}" != 0 ]; then
  grep '"statusCode":500' "$WORK/server.log" | grep -o '"path":"[^"]*"' | cut -c1-100 | sort | uniq -c | sort -rn | head -10
fi
[ "$FOUND" = 1 ] && { echo "RESULT: sqlmap found an injection"; exit 1; }
echo "RESULT: no injectable parameter found"
exit 0
