# syntax=docker/dockerfile:1
# meeting-bot: compile the TypeScript in one stage, run it in a slim one with production dependencies only.
#
#   docker build -t meeting-bot .
#   docker run --init -p 3000:3000 -e APP_ID=… -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=… meeting-bot
#
# The app handles SIGTERM itself (it drains work in flight for at most 8 s, then exits); --init still
# reaps zombies. Optional: REDIS_URL (replicas share leases, retries and cached reads).

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Install from the lockfile as CI does (.ci/run); its `prepare` script is the build (tsc once), so
# the sources are copied first.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund && test -f lib/index.js

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Production dependencies only; --ignore-scripts keeps lifecycle scripts (a future `prepare` that
# builds, say) from running without the dev dependencies they would need.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
COPY app.yml schema.json ./
# The files stay root-owned and read-only to the app: it writes nothing to disk.
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG. Slim images have no curl: ask with Node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node_modules/.bin/probot", "run", "./lib/index.js"]
