# The product's image for a cluster (docker-compose.yml): the API and the workers run from it with
# COMPONENTS=api or COMPONENTS=worker against TEMPORAL_ADDRESS. No dev server inside.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY machines machines
COPY workflows workflows
COPY activities activities
COPY server server
COPY scripts/build-dashboard.mjs scripts/build-workflow-bundle.mjs scripts/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/server/main.js"]
