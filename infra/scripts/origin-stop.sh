#!/usr/bin/env bash
# Stops the origin started by origin-start.sh (same ORIGIN_STATE_DIR). Safe to repeat.
set -euo pipefail
source "$(dirname "$0")/nginx-common.sh"
stop_nginx "${ORIGIN_STATE_DIR:-$(default_state_dir origin)}"
