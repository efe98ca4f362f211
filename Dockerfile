# Reset Sessions: Slack app for Enterprise Grid admins. Multi-stage build on Debian slim images.
# Configuration, including every token and the signing secret, comes from the environment at run time.
ARG NODE_VERSION=20

# Build tools for better-sqlite3, which compiles a native module when no prebuilt binary matches.
FROM node:${NODE_VERSION}-bookworm-slim AS toolchain
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./

# Production dependencies only; the runtime stage copies this folder as it is.
FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# All dependencies, to compile the TypeScript.
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    AUDIT_DB_PATH=/data/audit.sqlite3
WORKDIR /app
# node_modules comes from an image with the same Node and libc, so the native module loads here.
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json manifest.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
# The audit database lives here; mount a volume so records survive a new container.
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers 200 while the app takes requests and 503 once shutdown has begun, in both modes.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/index.js"]
