# Limelight's images, all from one Dockerfile so they share one dependency stage.
# Build from the repository root (BuildKit), one target per service:
#
#   docker build -f infra/docker/node.Dockerfile --target web .         # Next.js standalone server
#   docker build -f infra/docker/node.Dockerfile --target media .       # socket.io + kurento-client, ffmpeg
#   docker build -f infra/docker/node.Dockerfile --target autoscaler .
#   docker build -f infra/docker/node.Dockerfile --target origin .      # NGINX-RTMP origin + replay builder (or edge)
#   docker build -f infra/docker/node.Dockerfile --target nginx-config . # renders the origin's/edge's nginx.conf
#   docker build -f infra/docker/node.Dockerfile --target tools .       # prisma migrate, fake KMS (tests)
#
# Stages: deps (npm ci from the committed lockfile, cached on the package
# manifests) → build (Prisma clients, `next build` standalone, esbuild bundles)
# → small runtime images: Debian slim + the node binary, compiled JavaScript
# only, run by `node` as the unprivileged user `node` (uid 1000). No npm, tsx
# or TypeScript sources at run time. .dockerignore keeps .env*, .git and
# node_modules out of the build context.

# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
# Compilers for native modules (better-sqlite3) when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY apps/media/package.json apps/media/
COPY apps/autoscaler/package.json apps/autoscaler/
COPY bench/package.json bench/
COPY packages/access-token/package.json packages/access-token/
COPY packages/config/package.json packages/config/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/edge-token/package.json packages/edge-token/
COPY packages/fake-kms/package.json packages/fake-kms/
COPY packages/fake-stripe/package.json packages/fake-stripe/
COPY packages/fake-vultr/package.json packages/fake-vultr/
COPY packages/free-port/package.json packages/free-port/
COPY packages/contracts/package.json packages/contracts/
COPY packages/reconnect-ws/package.json packages/reconnect-ws/
COPY packages/testkit/package.json packages/testkit/
RUN npm ci --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN npm run db:generate \
    && npm run build -w @limelight/web \
    && node infra/docker/bundle.mjs \
    && mkdir -p dist/native/node_modules \
    && cp -r node_modules/better-sqlite3 node_modules/bindings node_modules/file-uri-to-path dist/native/node_modules/ \
    && rm -rf dist/native/node_modules/better-sqlite3/deps dist/native/node_modules/better-sqlite3/src \
       dist/native/node_modules/better-sqlite3/build/Release/obj* dist/native/node_modules/better-sqlite3/build/deps

# ---------------------------------------------------------------------------
# Tools image: the whole workspace with dev dependencies (prisma migrate deploy, the fake KMS of the
# compose test). Runs as `node`, not root.
FROM build AS tools
USER node

# ---------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
COPY --from=deps /usr/local/bin/node /usr/local/bin/node
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /usr/sbin/nologin node
ENV NODE_ENV=production
WORKDIR /app

# ---------------------------------------------------------------------------
FROM runtime AS web
COPY --from=build --chown=node:node /app/apps/web/.next/standalone ./
COPY --from=build --chown=node:node /app/apps/web/.next/static ./apps/web/.next/static
COPY --from=build /app/dist/admin/create-admin.mjs ./apps/web/create-admin.mjs
COPY infra/docker/web-start.mjs ./apps/web/start.mjs
# Next's standalone server listens on $HOSTNAME:$PORT (Docker sets HOSTNAME to the container id).
# Mail goes to an outbox folder (a volume in Compose) when SMTP_URL is unset.
RUN mkdir -p /var/lib/limelight/outbox /var/lib/limelight/posters && chown node:node /var/lib/limelight/outbox /var/lib/limelight/posters
ENV HOSTNAME=0.0.0.0 PORT=3000 MAIL_OUTBOX_DIR=/var/lib/limelight/outbox POSTER_DIR=/var/lib/limelight/posters
USER node
EXPOSE 3000
CMD ["node", "apps/web/start.mjs"]

# ---------------------------------------------------------------------------
# Debian's ffmpeg without its GPU stack, shared by media (RtpEndpoint → RTMP bridge) and the origin
# (renditions, replays). The OpenGL/Vulkan drivers (Mesa DRI, LLVM, Z3: 160 MB) are only ever dlopen'ed
# for hardware rendering, which a headless transcoder never asks for; ffmpeg links none of them.
FROM debian:bookworm-slim AS ffmpeg
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/* /usr/share/doc /usr/share/man /usr/share/locale /usr/share/icons \
       /usr/lib/x86_64-linux-gnu/dri /usr/lib/x86_64-linux-gnu/libLLVM-15.so* /usr/lib/x86_64-linux-gnu/libz3.so* \
    && ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc2=size=64x64:rate=5 -t 1 -c:v libx264 -f null - \
    && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /usr/sbin/nologin node

# ---------------------------------------------------------------------------
FROM ffmpeg AS media
COPY --from=deps /usr/local/bin/node /usr/local/bin/node
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/dist/native/node_modules ./node_modules
COPY --from=build /app/dist/media/main.mjs ./main.mjs
RUN mkdir -p /var/lib/limelight/media /tmp/limelight-media && chown node:node /var/lib/limelight/media /tmp/limelight-media
USER node
EXPOSE 4000
CMD ["node", "main.mjs"]

# ---------------------------------------------------------------------------
FROM runtime AS autoscaler
COPY --from=build /app/dist/native/node_modules ./node_modules
COPY --from=build /app/dist/autoscaler/main.mjs ./main.mjs
RUN mkdir -p /var/lib/limelight/autoscaler && chown node:node /var/lib/limelight/autoscaler
ENV AUTOSCALER_HOLDER_ID_FILE=/var/lib/limelight/autoscaler/holder-id
USER node
EXPOSE 9464
CMD ["node", "main.mjs"]

# ---------------------------------------------------------------------------
# Renders the nginx.conf (and replay scripts) of an origin or an edge into its state folder, from
# ORIGIN_* / EDGE_* variables (infra/nginx/cli.ts); Compose runs it once before the origin/edge.
FROM runtime AS nginx-config
COPY --from=build /app/dist/origin/cli.mjs ./cli.mjs
RUN mkdir -p /var/lib/limelight/origin/recordings /var/lib/limelight/origin/replays /var/lib/limelight/edge \
    && chown -R node:node /var/lib/limelight
ENV ORIGIN_STATE_DIR=/var/lib/limelight/origin EDGE_STATE_DIR=/var/lib/limelight/edge ORIGIN_FFMPEG=/usr/bin/ffmpeg
USER node
ENTRYPOINT ["node", "/app/cli.mjs"]
CMD ["origin"]

# ---------------------------------------------------------------------------
# The NGINX-RTMP origin (ingest with on_publish, renditions ladder, 1 s HLS, recordings and replays),
# also an HLS edge (`edge`). No Node.js: its config comes from nginx-config in the shared state volume.
# nginx runs as `node` (ports above 1024); logs go to the container's stdout/stderr.
FROM ffmpeg AS origin
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-rtmp \
    && rm -rf /var/lib/apt/lists/* /usr/share/doc /usr/share/man \
    && mkdir -p /var/lib/limelight/origin/recordings /var/lib/limelight/origin/replays /var/lib/limelight/edge \
    && chown -R node:node /var/lib/limelight
COPY infra/docker/nginx-entrypoint.sh /usr/local/bin/nginx-entrypoint.sh
ENV ORIGIN_STATE_DIR=/var/lib/limelight/origin EDGE_STATE_DIR=/var/lib/limelight/edge
USER node
EXPOSE 1935 8088
# nginx finishes open requests on SIGQUIT (graceful), SIGTERM drops them.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint.sh"]
CMD ["origin"]
