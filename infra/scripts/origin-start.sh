#!/usr/bin/env bash
# Starts the HLS origin (nginx + RTMP module) as an unprivileged user, or
# reloads it with a fresh config when it already runs. Safe to repeat.
#
# Environment (all optional):
#   ORIGIN_STATE_DIR        state folder (config, hls/, logs/, pid)   default <repo>/.data/origin
#                           (/var/lib/limelight/origin when the unprivileged user cannot reach the repo)
#   ORIGIN_RTMP_PORT        RTMP port (publishers)                    default 1935
#   ORIGIN_HTTP_PORT        HTTP port (edges read /hls/ here)         default 8088
#   ORIGIN_LISTEN_ADDRESS   listen address                            default 0.0.0.0
#   ORIGIN_ON_PUBLISH_URL   web app on_publish endpoint, e.g. http://127.0.0.1:3000/api/rtmp/on-publish
#   ORIGIN_ON_PUBLISH_DONE_URL  web app on_publish_done endpoint, e.g. http://127.0.0.1:3000/api/rtmp/on-publish-done
#                           (unset: publishing allowed from 127.0.0.1 only, unchecked)
#   ORIGIN_RENDITIONS       ladder, "src,480p:1200,360p:700" or JSON  default src + 480p + 360p
#   ORIGIN_FRAGMENT_SECONDS HLS fragment / keyframe interval          default 1
#   ORIGIN_HTTP_ALLOW       CIDRs allowed to read /hls/ (comma list)  default all
#   ORIGIN_RECORD           record shows to <state>/recordings and build each show's replay
#                           (<state>/replays/<eventId>_replay/, served as /hls/<eventId>_replay/index.m3u8);
#                           0/false/off disables                      default 1
#   ORIGIN_RECORDINGS_KEEP_HOURS  delete recordings and replays not written for this many hours
#                           (after each replay build; or run <state>/replay-cleanup.sh from cron);
#                           must cover show + longest replay window   default unset: keep forever
#   ORIGIN_FFMPEG           ffmpeg binary (transcoder and replays)    default /usr/bin/ffmpeg
#   NGINX_RUN_AS            user when started as root                 default nobody
set -euo pipefail
source "$(dirname "$0")/nginx-common.sh"
export ORIGIN_STATE_DIR=${ORIGIN_STATE_DIR:-$(default_state_dir origin)}
export ORIGIN_HTTP_PORT=${ORIGIN_HTTP_PORT:-8088}
mkdir -p "$ORIGIN_STATE_DIR"
render origin
own_state "$ORIGIN_STATE_DIR"
start_or_reload "$ORIGIN_STATE_DIR"
wait_http "http://127.0.0.1:$ORIGIN_HTTP_PORT/healthz"
