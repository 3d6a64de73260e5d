#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, then lint,
# typecheck, unit and integration suites, and browser suites. Safe to repeat.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
bash infra/scripts/install-system-deps.sh
npm install --no-audit --no-fund
npm run db:generate
npm run lint
npm run typecheck
npx tsc --noEmit -p infra
npm run test:unit
npm run build -w @limelight/web
npm run test:browser
