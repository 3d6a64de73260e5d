#!/usr/bin/env bash
# Stops the edge started by edge-start.sh (same EDGE_PORT / EDGE_STATE_DIR) and
# its viewer counter. Safe to repeat.
set -euo pipefail
source "$(dirname "$0")/nginx-common.sh"
dir=${EDGE_STATE_DIR:-$(default_state_dir "edge-${EDGE_PORT:-8081}")}
stop_nginx "$dir"
if pid_alive "$dir/viewer-counter.pid"; then kill "$(cat "$dir/viewer-counter.pid")" 2>/dev/null || true; fi
rm -f "$dir/viewer-counter.pid"
