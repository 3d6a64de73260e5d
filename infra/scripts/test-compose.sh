#!/usr/bin/env bash
# `npm run test:compose`: builds Limelight's images and runs docker-compose.yml as an operator would
# (NODE_ENV=production, Caddy with `tls internal`), with infra/test/compose/docker-compose.test.yml
# replacing Kurento by the fake KMS and adding one HLS edge. Checks, against the running stack:
#   - image sizes within their targets (printed), no image runs as root, no .env or .git inside;
#   - every service healthy; HTTPS through Caddy with security headers and the test-mode banner;
#     `admin:create` in the web container; an RTMP publish reaching the origin; a viewer signing up,
#     buying a ticket with test-mode Checkout (webhook → ticket) and getting a signed stream for the
#     watch page (headless Chromium, infra/test/compose/buyer-journey.ts); HLS through the edge with
#     a signed URL (refused without one); the show's replay built after the publish ends;
#   - the web container refusing to start with the .env.example AUTH_SECRET, and with an empty
#     Stripe key without PAYMENTS_MODE=test (the one-line reason checked);
#   - SIGTERM: every service exits 0 within 10 s (the measured times are printed).
# Always tears the stack down (`down -v`), also on failure or Ctrl-C.
#
# Needs `docker` and `docker-compose` (v1.29 or v2's standalone binary) on PATH with a running
# engine; on machines without a registry, .ci/run prepares one first. Also needs curl, ffmpeg and
# chromium (infra/scripts/install-system-deps.sh) and the workspace's node_modules.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
started=$(date +%s)

if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
  echo "test:compose: no Docker engine reachable (docker info failed); nothing tested" >&2
  exit 1
fi
compose_bin=(docker-compose)
if ! command -v docker-compose >/dev/null; then compose_bin=(docker compose); fi

project=limelight-test-$$
work=$(mktemp -d /tmp/limelight-compose.XXXXXX)
envfile=$work/compose.env
rand() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48; }
https_port=${TEST_HTTPS_PORT:-18443}
http_port=${TEST_HTTP_PORT:-18080}
edge_port=${TEST_EDGE_PORT:-18081}
host=shows.limelight.test
cat > "$envfile" <<ENV
PUBLIC_HOST=$host
CADDY_TLS=internal
HTTP_PORT=$http_port
HTTPS_PORT=$https_port
EDGE_TEST_PORT=$edge_port
POSTGRES_PASSWORD=$(rand)
AUTH_SECRET=$(rand)
ACCESS_TOKEN_SECRET=$(rand)
INTERNAL_API_SECRET=$(rand)
EDGE_TOKEN_SECRET=$(rand)
ORIGIN_PUBLISH_SECRET=$(rand)
TURN_SECRET=$(rand)
REMINDER_TOKEN_SECRET=$(rand)
PAYMENTS_MODE=test
STRIPE_SECRET_KEY=
AUTOSCALER_PROVIDER=local
AUTOSCALER_TICK_MS=5000
LOG_LEVEL=info
ENV
compose() { "${compose_bin[@]}" -p "$project" --env-file "$envfile" -f docker-compose.yml -f infra/test/compose/docker-compose.test.yml "$@"; }
set -a; source "$envfile"; set +a

publisher=
teardown() {
  local status=$?
  [ -n "$publisher" ] && kill "$publisher" 2>/dev/null || true
  if [ "$status" != 0 ]; then
    echo "--- test:compose failed (status $status); service states and last logs:" >&2
    compose ps >&2 || true
    compose logs --tail 40 >&2 || true
  fi
  compose down -v --remove-orphans --timeout 15 >/dev/null 2>&1 || compose down -v --remove-orphans >&2 || true
  rm -rf "$work"
  echo "test:compose: $([ "$status" = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - started )) s"
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

fail() { echo "test:compose: FAIL: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
# wait_until <seconds> <description> <command...>: polls the command every second.
wait_until() {
  local limit=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || fail "timed out after ${limit} s waiting for $what"
    sleep 1
  done
}
cid() { compose ps -q "$1"; }

echo "== config: the same file for Compose v1.29 and v2"
compose config -q
if docker compose version >/dev/null 2>&1; then docker compose --env-file "$envfile" -f docker-compose.yml config -q; ok "docker compose (v2) config"; fi
ok "${compose_bin[*]} config"

echo "== build (one shared npm ci stage, cached on the lockfile)"
build_started=$(date +%s)
compose build >"$work/build.log" 2>&1 || { tail -60 "$work/build.log" >&2; fail "image build"; }
ok "images built in $(( $(date +%s) - build_started )) s"

echo "== images: sizes, users, contents"
declare -A limit_mb=([web]=400 [media]=600 [autoscaler]=300 [origin]=400)
for svc in web media autoscaler origin; do
  image=limelight-$svc:local
  bytes=$(docker image inspect -f '{{.Size}}' "$image")
  mb=$(( bytes / 1000000 ))
  user=$(docker image inspect -f '{{.Config.User}}' "$image")
  printf '  %-11s %4d MB (target <= %d MB), USER %s\n' "$svc" "$mb" "${limit_mb[$svc]}" "${user:-root}"
  (( mb <= limit_mb[$svc] )) || fail "$image is $mb MB, over ${limit_mb[$svc]} MB"
  [[ -n "$user" && "$user" != root && "$user" != 0 && "$user" != 0:* ]] || fail "$image runs as root"
  found=$(docker run --rm --entrypoint /bin/sh "$image" -c 'find / -xdev \( -name .git -o -name ".env" -o -name ".env.*" \) -not -name .env.example -print 2>/dev/null | head -5')
  [ -z "$found" ] || fail "$image contains $found"
done
ok "every image within its size target, non-root, without .env or .git"

echo "== fail closed: the web container refuses an unsafe production configuration"
refusal() { compose run --rm --no-deps "$@" web 2>&1 | tail -3 || true; }
out=$(refusal -e AUTH_SECRET=change-me-auth-secret-at-least-32-characters)
grep "refusing to start" <<<"$out" | sed 's/^/  /' || true
grep -q "^web: refusing to start in production: AUTH_SECRET is a placeholder" <<<"$out" || fail "web started with the .env.example AUTH_SECRET: $out"
out=$(refusal -e PAYMENTS_MODE=stripe -e STRIPE_SECRET_KEY=)
grep "refusing to start" <<<"$out" | sed 's/^/  /' || true
grep -q "^web: refusing to start in production: STRIPE_SECRET_KEY is missing" <<<"$out" || fail "web started without Stripe keys and without PAYMENTS_MODE=test: $out"
ok "placeholder AUTH_SECRET and missing Stripe key refused with one line"

echo "== up: every service healthy"
up_started=$(date +%s)
compose up -d >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; fail "docker-compose up"; }
healthy() {
  local svc state
  for svc in postgres redis kurento coturn web media autoscaler origin edge; do
    state=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$(cid "$svc")")
    [ "$state" = healthy ] || return 1
  done
  [ "$(docker inspect -f '{{.State.Status}}' "$(cid caddy)")" = running ]
}
wait_until 300 "every service healthy" healthy
[ "$(docker inspect -f '{{.State.ExitCode}}' "$(cid migrate)")" = 0 ] || fail "migrate did not exit 0"
ok "healthy in $(( $(date +%s) - up_started )) s"
for svc in web media autoscaler origin edge coturn; do
  uid=$(docker exec "$(cid "$svc")" sh -c 'id -u' 2>/dev/null || echo "?")
  [ "$uid" != 0 ] || fail "$svc runs as root"
done
ok "no Limelight container runs as root"

echo "== HTTPS through Caddy"
curl_https() { curl -sk --resolve "$host:$https_port:127.0.0.1" "$@"; }
headers=$(curl_https -D - -o /dev/null "https://$host:$https_port/api/health")
grep -qi '^HTTP/[0-9.]* 200' <<<"$headers" || fail "GET /api/health through Caddy: $headers"
grep -qi '^strict-transport-security: max-age=' <<<"$headers" || fail "no HSTS header"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "no nosniff header"
curl_https "https://$host:$https_port/socket.io/?EIO=4&transport=polling" | grep -q '"sid"' || fail "socket.io through Caddy"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "$host:$http_port:127.0.0.1" "http://$host:$http_port/")
[[ "$redirect" == 30[178]\ https://* ]] || fail "http does not redirect to https: $redirect"
curl_https "https://$host:$https_port/" | grep -q 'class="test-mode-banner"' || fail "no test-mode banner on the home page with PAYMENTS_MODE=test"
ok "storefront and socket.io over HTTPS, security headers, http → https, test-mode banner shown"

echo "== admin:create in the web container"
out=$(docker exec "$(cid web)" node apps/web/create-admin.mjs --email ops@limelight.test)
grep -q "^Created admin ops@limelight.test" <<<"$out" || fail "admin:create: $out"
grep -q "https://$host/reset-password?token=" <<<"$out" || fail "admin:create printed no sign-in link: $out"
ok "first admin created, one-time link printed"

echo "== RTMP publish → origin → edge (signed HLS) → replay"
compose run --rm --no-deps migrate node --import tsx packages/db/src/seed/demo.ts "postgresql://limelight:$POSTGRES_PASSWORD@postgres:5432/limelight" >"$work/seed.log" 2>&1 \
  || { cat "$work/seed.log" >&2; fail "demo seed"; }
sql() { docker exec "$(cid postgres)" psql -U limelight -d limelight -tAc "$1"; }
event_id=$(sql "select id from \"Event\" where slug = 'demo-live-now'")
stream_key=$(sql "select \"streamKey\" from \"Event\" where slug = 'demo-live-now'")
[ -n "$event_id" ] && [ -n "$stream_key" ] || fail "demo seed: no demo-live-now event"
sql "update \"Event\" set status = 'on_sale' where id = '$event_id'" >/dev/null
ffmpeg -hide_banner -loglevel error -re -f lavfi -i "testsrc2=size=640x360:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -t 120 -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -pix_fmt yuv420p -c:a aac -b:a 96k -f flv "rtmp://127.0.0.1:1935/ingest/$stream_key" &
publisher=$!
wait_until 60 "the origin's HLS playlist" curl -sf "http://127.0.0.1:8088/hls/$event_id.m3u8"
ok "the encoder's publish reached the origin (stream key renamed to the event)"
node --import tsx infra/test/compose/buyer-journey.ts "https://$host" demo-live-now "127.0.0.1:$https_port" || fail "a viewer's sign-up, test-mode Checkout, ticket and watch route"
signed=$(node --import tsx -e "
import { signEdgeUrl } from './packages/edge-token/src/index.ts';
console.log(signEdgeUrl('http://127.0.0.1:$edge_port', { streamId: '$event_id', viewerId: 'compose-test', expiresAt: Math.floor(Date.now() / 1000) + 300 }, process.env.EDGE_TOKEN_SECRET));
")
wait_until 60 "HLS through the edge" curl -sf "$signed"
variant=$(curl -sf "$signed" | grep -v '^#' | head -1)
wait_until 30 "a segment through the edge" sh -c "curl -sf '${signed%/*}/$variant' | grep -q '\\.ts'"
unsigned=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$edge_port/hls/$event_id.m3u8")
[ "$unsigned" -ge 400 ] || fail "the edge served HLS without a signed URL ($unsigned)"
ok "HLS through the edge with a signed URL ($variant); unsigned → $unsigned"
kill -INT "$publisher" 2>/dev/null || true  # the encoder stops: the recording closes, the replay is built
wait "$publisher" || true
publisher=
wait_until 120 "the show's replay" curl -sf "http://127.0.0.1:8088/hls/${event_id}_replay/index.m3u8"
curl -sf "http://127.0.0.1:8088/hls/${event_id}_replay/index.m3u8" | grep -q '#EXT-X-ENDLIST' || fail "replay playlist incomplete"
ok "replay built in the origin image"

echo "== SIGTERM: every service exits 0 within 10 s"
for svc in web media autoscaler origin edge caddy coturn redis postgres; do
  id=$(cid "$svc")
  t0=$(date +%s%N)
  docker stop -t 10 "$id" >/dev/null
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  code=$(docker inspect -f '{{.State.ExitCode}}' "$id")
  printf '  %-11s exit %s after %5d ms\n' "$svc" "$code" "$ms"
  [ "$code" = 0 ] || fail "$svc exited $code on SIGTERM"
  (( ms < 10000 )) || fail "$svc took $ms ms to stop"
done
ok "every service stopped cleanly"
