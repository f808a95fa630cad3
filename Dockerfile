# syntax=docker/dockerfile:1
#
# Strongroom's production image: the output of `node ace build` (tsc + vite)
# with production dependencies only, run as an unprivileged user on a
# read-only root filesystem. Build and push (README "Building the image"):
#
#   docker build -t registry.example.com/strongroom/strongroom:0.1.0 .
#
# The image name is "strongroom" (org.opencontainers.image.title below);
# ops/k8s refers to it by that name and the overlays set registry and tag.
# Writable at run time: /tmp and /app/tmp (emptyDir volumes in Kubernetes) and
# /app/storage (the Drive disk: KYC documents, audit checkpoints).
# KEY_PROVIDER=pkcs11 also needs the HSM vendor's PKCS#11 library in the image
# (a layer FROM this one); local and aws-kms need nothing more.

ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# The PKCS#11 binding (pkcs11js, KEY_PROVIDER=pkcs11) is a native addon that
# node-gyp compiles against the image's own Node headers
FROM base AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Every dependency: the build needs TypeScript, Vite and the assembler
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci

# Production dependencies only; no install script runs for the image except
# the PKCS#11 addon's build
FROM toolchain AS production-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm rebuild pkcs11js

# tsc and the backoffice assets (vite) into /app/build
FROM deps AS build
COPY . .
RUN node ace build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="strongroom" \
      org.opencontainers.image.description="Strongroom bank backend (AdonisJS, PostgreSQL)" \
      org.opencontainers.image.licenses="MIT"
# MALLOC_ARENA_MAX=2: glibc keeps fewer malloc arenas for libuv's threads
# (scrypt sign-ins run there); measured: web RSS under load 396-413 MB
# against 469-516 MB without it (README, Benchmark)
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3333 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
RUN groupadd --system --gid 10001 strongroom \
 && useradd --system --uid 10001 --gid strongroom --home-dir /app --no-create-home --shell /usr/sbin/nologin strongroom
# The code belongs to root and is only readable by the app's user: a
# compromised process cannot rewrite it, even without a read-only root
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./
RUN mkdir -p /app/tmp /app/storage \
 && chown strongroom:strongroom /app/tmp /app/storage
USER 10001:10001
EXPOSE 3333
# No curl in the slim image: node asks /health/live itself
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3333) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "bin/server.js"]
