#!/bin/bash
# Entry point of the origin image: runs nginx in the foreground with the
# config the nginx-config image rendered into the state folder (a volume
# shared with it), sending nginx's logs to the container's stdout/stderr.
#
#   nginx-entrypoint.sh origin   $ORIGIN_STATE_DIR/nginx.conf, on_publish host from ORIGIN_ON_PUBLISH_URL
#   nginx-entrypoint.sh edge     $EDGE_STATE_DIR/nginx.conf, upstream host from EDGE_ORIGIN
#   nginx-entrypoint.sh healthz  exit 0 when GET /healthz on ORIGIN_HTTP_PORT (8088) answers 200
#
# nginx resolves the host names of on_publish and proxy_pass when it loads its
# config and exits if one is unknown; so this first waits (without limit,
# logging every 10 s) until that host resolves, instead of crash-looping while
# `web` or the origin is not up yet.
set -euo pipefail
kind=${1:-origin}
case "$kind" in
  origin) dir=$ORIGIN_STATE_DIR; url=${ORIGIN_ON_PUBLISH_URL:-} ;;
  edge) dir=$EDGE_STATE_DIR; url=http://${EDGE_ORIGIN:-127.0.0.1:8088}/ ;;
  healthz)
    exec 3<>"/dev/tcp/127.0.0.1/${2:-${ORIGIN_HTTP_PORT:-8088}}"
    printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    head -n 1 <&3 | grep -q ' 200 '
    exit $? ;;
  *) echo "usage: nginx-entrypoint.sh origin|edge|healthz [port]" >&2; exit 64 ;;
esac
if [ ! -f "$dir/nginx.conf" ]; then
  echo "no $dir/nginx.conf: run the nginx-config image ($kind) on this volume first" >&2
  exit 78
fi
host=$(printf '%s' "$url" | sed -E 's#^[a-z]+://(\[[^]]*\]|[^:/]*).*#\1#')
waited=0
while [ -n "$host" ] && ! getent hosts "$host" >/dev/null; do
  if (( waited % 10 == 0 )); then echo "$(date -u +%FT%TZ) waiting for $host to resolve (needed by nginx's config)" >&2; fi
  sleep 1
  waited=$((waited + 1))
done
mkdir -p "$dir/logs"
ln -sf /dev/stderr "$dir/logs/error.log"
for log in access.log rtmp-access.log; do ln -sf /dev/stdout "$dir/logs/$log"; done
if [ "$kind" = edge ] && [ -x "$dir/viewer-counter.sh" ]; then "$dir/viewer-counter.sh" & fi
exec nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
