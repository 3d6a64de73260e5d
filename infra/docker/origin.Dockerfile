# The NGINX-RTMP origin (ingest, renditions, HLS packaging) from Debian's packages.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-rtmp ffmpeg gettext-base ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/limelight
COPY infra/nginx ./infra/nginx
COPY infra/scripts ./infra/scripts
CMD ["bash", "infra/scripts/origin-start.sh", "--foreground"]
