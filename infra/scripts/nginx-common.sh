#!/usr/bin/env bash
# Shared helpers of origin-*.sh and edge-*.sh (sourced, not run).
# When run as root, nginx and its helpers run as $NGINX_RUN_AS (default "nobody")
# through setpriv, so the whole server is unprivileged; otherwise as the caller.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# as_runner <cmd...>: runs a command as the unprivileged nginx user.
as_runner() {
  if [ "$(id -u)" = "0" ]; then
    local user=${NGINX_RUN_AS:-nobody}
    setpriv --reuid="$user" --regid="$(id -gn "$user")" --clear-groups -- "$@"
  else
    "$@"
  fi
}

# own_state <dir>: hands a state folder to the unprivileged user (root only).
own_state() {
  if [ "$(id -u)" = "0" ]; then
    local user=${NGINX_RUN_AS:-nobody}
    chown -R "$user:$(id -gn "$user")" "$1"
  fi
}

# default_state_dir <name>: <repo>/.data/<name>, or /var/lib/limelight/<name> when the unprivileged
# user cannot reach the repository or its .data folder (e.g. a checkout under /root).
default_state_dir() {
  if [ "$(id -u)" = "0" ] && { ! as_runner test -x "$repo_root" || { [ -d "$repo_root/.data" ] && ! as_runner test -x "$repo_root/.data"; }; }; then
    echo "/var/lib/limelight/$1"
  else
    echo "$repo_root/.data/$1"
  fi
}

# check_reachable <dir>: fails with a clear message when the unprivileged user cannot use the folder.
check_reachable() {
  if ! as_runner test -r "$1/nginx.conf"; then
    echo "error: user ${NGINX_RUN_AS:-nobody} cannot reach $1 (a parent folder is private); choose a state folder under /var/lib or /tmp" >&2
    return 1
  fi
}

# render <origin|edge>: writes nginx.conf (and the edge's viewer counter) from the environment.
render() {
  "$repo_root/node_modules/.bin/tsx" "$repo_root/infra/nginx/cli.ts" "$1"
}

# pid_alive <pidfile>: true when the file names a running process.
pid_alive() {
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# start_or_reload <state-dir>: checks the config, then reloads a running nginx or starts one.
start_or_reload() {
  local dir=$1
  check_reachable "$dir"
  as_runner nginx -t -q -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf"
  if pid_alive "$dir/nginx.pid"; then
    as_runner nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" -s reload
    echo "reloaded nginx (pid $(cat "$dir/nginx.pid")) in $dir"
  else
    rm -f "$dir/nginx.pid"
    as_runner nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf"
    echo "started nginx (pid $(cat "$dir/nginx.pid")) in $dir"
  fi
}

# stop_nginx <state-dir>: graceful stop, then waits up to 10 s (safe when not running).
stop_nginx() {
  local dir=$1 pid
  if ! pid_alive "$dir/nginx.pid"; then
    rm -f "$dir/nginx.pid"
    echo "nginx in $dir is not running"
    return 0
  fi
  pid=$(cat "$dir/nginx.pid")
  kill -QUIT "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
  rm -f "$dir/nginx.pid"
  echo "stopped nginx in $dir"
}

# wait_http <url>: waits up to 10 s for a 200.
wait_http() {
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}
