# One image for the Node services (web, media, autoscaler). Build from the
# repository root: docker build -f infra/docker/node.Dockerfile .
# node.Dockerfile.dockerignore keeps .env, node_modules and local state out of the image.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg python3 make g++ ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm install --no-audit --no-fund && npm run db:generate && npm run build -w @limelight/web
ENV NODE_ENV=production
