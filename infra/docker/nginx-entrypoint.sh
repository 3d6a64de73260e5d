#!/bin/bash
# Entry point of the origin image: renders nginx.conf with cli.mjs, sends
# nginx's logs to the container's stdout/stderr and runs nginx in the
# foreground as PID 1's child (Compose `init: true`), as the current user.
#
#   nginx-entrypoint.sh origin   ORIGIN_* variables (infra/nginx/cli.ts)
#   nginx-entrypoint.sh edge     EDGE_* variables: an HLS edge in front of the origin
#
# nginx resolves the host names of on_publish and proxy_pass when it loads its
# config and exits if one is unknown; so the entry point first waits (without
# limit, logging every 10 s) until those hosts resolve, instead of crash-looping
# while `web` or the origin is not up yet.
set -euo pipefail
kind=${1:-origin}
case "$kind" in
  origin) dir=$ORIGIN_STATE_DIR; url=${ORIGIN_ON_PUBLISH_URL:-} ;;
  edge) dir=$EDGE_STATE_DIR; url=http://${EDGE_ORIGIN:-127.0.0.1:8088}/ ;;
  *) echo "usage: nginx-entrypoint.sh origin|edge" >&2; exit 64 ;;
esac
host=$(printf '%s' "$url" | sed -E 's#^[a-z]+://(\[[^]]*\]|[^:/]*).*#\1#')
waited=0
while [ -n "$host" ] && ! getent hosts "$host" >/dev/null; do
  if (( waited % 10 == 0 )); then echo "$(date -u +%FT%TZ) waiting for $host to resolve (needed by nginx's config)" >&2; fi
  sleep 1
  waited=$((waited + 1))
done
mkdir -p "$dir"
node /app/cli.mjs "$kind"
mkdir -p "$dir/logs"
for log in error.log; do ln -sf /dev/stderr "$dir/logs/$log"; done
for log in access.log rtmp-access.log; do ln -sf /dev/stdout "$dir/logs/$log"; done
if [ "$kind" = edge ] && [ -x "$dir/viewer-counter.sh" ]; then "$dir/viewer-counter.sh" & fi
# nginx: SIGTERM is a fast shutdown, SIGQUIT a graceful one; Compose sends STOPSIGNAL (SIGQUIT, see the image).
exec nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
