#!/usr/bin/env bash
# Starts a local HLS edge (nginx caching proxy with secure_link gating) and its
# viewer counter as an unprivileged user, or reloads it when it already runs.
# Safe to repeat. The config comes from infra/nginx/render-edge.ts.
#
# Environment:
#   EDGE_TOKEN_SECRET     shared edge token secret, 32-128 of [A-Za-z0-9_-]   required
#   EDGE_PORT             HTTP port                                          default 8081
#   EDGE_ORIGIN           origin HTTP address host:port                      default 127.0.0.1:8088
#   EDGE_STATE_DIR        state folder (config, cache/, logs/, status/, pid) default <repo>/.data/edge-<port>
#                         (/var/lib/limelight/edge-<port> when the unprivileged user cannot reach the repo)
#   EDGE_LISTEN_ADDRESS   listen address                                     default 0.0.0.0
#   EDGE_CACHE_DIR        cache folder                                       default <state>/cache
#   EDGE_CACHE_MAX_SIZE   cache cap (nginx size)                             default 2g
#   EDGE_PLAYLIST_CACHE_SECONDS  0: revalidate playlists per request (freshest); N: keep N s  default 0
#   NGINX_RUN_AS          user when started as root                          default nobody
# Endpoints: /healthz, /viewers, /t/<token>/<expires>/<viewerId>/<streamId>/<streamId>.m3u8
set -euo pipefail
source "$(dirname "$0")/nginx-common.sh"
export EDGE_PORT=${EDGE_PORT:-8081}
export EDGE_STATE_DIR=${EDGE_STATE_DIR:-$(default_state_dir "edge-$EDGE_PORT")}
mkdir -p "$EDGE_STATE_DIR"
render edge
own_state "$EDGE_STATE_DIR"
start_or_reload "$EDGE_STATE_DIR"
if ! pid_alive "$EDGE_STATE_DIR/viewer-counter.pid"; then
  # The counter writes its own pid file and exits by itself when nginx's pid file goes away.
  as_runner setsid bash "$EDGE_STATE_DIR/viewer-counter.sh" </dev/null >>"$EDGE_STATE_DIR/logs/viewer-counter.log" 2>&1 &
fi
wait_http "http://127.0.0.1:$EDGE_PORT/healthz"
