# The NGINX-RTMP origin (ingest with on_publish, renditions ladder, 1 s HLS)
# from Debian's packages; its nginx.conf is rendered by infra/nginx/cli.ts.
# origin.Dockerfile.dockerignore keeps .env, node_modules and local state out of the image.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-rtmp ffmpeg python3 make g++ ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/limelight
COPY . .
RUN npm install --no-audit --no-fund
ENV ORIGIN_STATE_DIR=/var/lib/limelight/origin NGINX_USER=www-data
CMD ["bash", "-c", "mkdir -p $ORIGIN_STATE_DIR && npx tsx infra/nginx/cli.ts origin && chown -R www-data:www-data $ORIGIN_STATE_DIR && exec nginx -p $ORIGIN_STATE_DIR -c $ORIGIN_STATE_DIR/nginx.conf -g 'daemon off;'"]
