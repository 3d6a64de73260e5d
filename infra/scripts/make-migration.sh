#!/usr/bin/env bash
# Writes a new migration for SQLite and PostgreSQL from the change to
# prisma/models.prisma. Usage: make-migration.sh <name>
# Runs `prisma migrate dev --create-only` against a throw-away SQLite file and
# a throw-away PostgreSQL cluster. Needs the Prisma CLI's schema engine
# (downloaded by Prisma, or named by PRISMA_SCHEMA_ENGINE_BINARY).
set -euo pipefail
cd "$(dirname "$0")/../.."
name="${1:?usage: make-migration.sh <name>}"
node prisma/build-schemas.mjs
tmp="$(mktemp -d)"; chmod 777 "$tmp"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort | tail -1)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
port=$(( 20000 + RANDOM % 20000 ))
run_pg "$bin/initdb" -D "$tmp/pg" -U postgres -A trust --no-sync >/dev/null
run_pg "$bin/pg_ctl" -D "$tmp/pg" -o "-p $port -k $tmp -h 127.0.0.1" -w start >/dev/null
trap 'run_pg "$bin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
DATABASE_URL="file:$tmp/mig.db" npx prisma migrate dev --create-only --name "$name" --config prisma/sqlite/prisma.config.ts
DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres" npx prisma migrate dev --create-only --name "$name" --config prisma/postgres/prisma.config.ts
