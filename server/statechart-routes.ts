/** The process kinds and their statecharts for the dashboard, and the dashboard's own files. */
import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { partyLabels } from '../activities/party-labels';
import { roleLabels } from '../machines/actors';
import { operationalManagers } from '../machines/organisations';
import { findDefinition, processKinds } from '../machines/registry';
import { HttpError } from './http-errors';
import { statechartOf } from './statechart';

/** `GET /kinds` and `GET /kinds/:kind/statechart`, mounted under the authenticated /api. */
export function kindsRouter(): Router {
  const router = express.Router({ strict: true });
  router.get('/kinds', (_request, response) => {
    response.json({
      kinds: processKinds.map((kind) => {
        const definition = findDefinition(kind);
        return {
          kind,
          title: definition?.title ?? kind,
          events: Object.fromEntries(
            Object.entries(definition?.events ?? {}).map(([type, event]) => [
              type,
              { label: event.label, roles: event.roles },
            ]),
          ),
        };
      }),
      // The names the dashboard shows for who must act; it imports no product code.
      roles: roleLabels,
      parties: partyLabels,
      organisations: Object.fromEntries(operationalManagers.map((o) => [o.id, o.label])),
    });
  });
  router.get('/kinds/:kind/statechart', (request, response) => {
    const definition = findDefinition(request.params.kind);
    if (!definition) {
      throw new HttpError(404, 'unknown_kind', `no process kind "${request.params.kind}"`, {
        kinds: processKinds,
      });
    }
    response.json(statechartOf(definition));
  });
  return router;
}

/**
 * The built dashboard (scripts/build-dashboard.mjs writes it to dist/dashboard). This module runs
 * from server/ under ts-jest and tsx, and from dist/server once compiled; both find the same root.
 */
export function dashboardDirectory(): string {
  const above = resolve(__dirname, '..');
  const root = basename(above) === 'dist' ? resolve(above, '..') : above;
  return join(root, 'dist', 'dashboard');
}

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the dashboard at `/`; says how to build it where it was not built. */
export function dashboardFiles(
  directory = dashboardDirectory(),
  /** Origins the page may call besides its own (the OpenID provider's token endpoint). */
  connectSources: readonly string[] = [],
): Router {
  const router = express.Router();
  const csp =
    connectSources.length === 0
      ? DASHBOARD_CSP
      : DASHBOARD_CSP.replace(
          "connect-src 'self'",
          `connect-src 'self' ${connectSources.join(' ')}`,
        );
  router.use((_request, response, next) => {
    // The dashboard's own files only: no inline script or style, no framing, no other origin.
    response.setHeader('Content-Security-Policy', csp);
    next();
  });
  router.use(express.static(directory, { index: 'index.html' }));
  // Browsers ask for /favicon.ico on their own; the icon is the page's SVG.
  router.get('/favicon.ico', (_request, response) => response.redirect(301, '/favicon.svg'));
  router.get('/', (_request, response, next) => {
    if (existsSync(join(directory, 'index.html'))) {
      next();
      return;
    }
    response
      .status(503)
      .type('text/plain')
      .send('The dashboard is not built: run `npm run build` (it writes dist/dashboard).\n');
  });
  return router;
}
