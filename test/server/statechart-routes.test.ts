/** The kinds routes and the dashboard's files, on an express app of their own. */
import express from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { processKinds } from '../../machines/registry';
import { errorHandler } from '../../server/http-errors';
import { createLogger } from '../../server/logger';
import { dashboardFiles, kindsRouter } from '../../server/statechart-routes';

function appWith(router: express.Router) {
  const app = express();
  app.use(router);
  app.use(errorHandler(createLogger('silent')));
  return app;
}

test('GET /kinds lists every kind with its title and event labels', async () => {
  const answer = await request(appWith(kindsRouter())).get('/kinds');
  expect(answer.status).toBe(200);
  const kinds = (answer.body as { kinds: { kind: string; title: string }[] }).kinds;
  expect(kinds.map((k) => k.kind)).toEqual(processKinds);
  expect(answer.body).toMatchObject({
    kinds: expect.arrayContaining([
      expect.objectContaining({
        kind: 'acceptance',
        events: expect.objectContaining({
          VERDICT: { label: 'Oordeel over een beoordeling', roles: ['ogb', 'tbo'] },
        }),
      }),
    ]),
  });
});

test('GET /kinds/:kind/statechart answers the chart, and 404 for an unknown kind', async () => {
  const app = appWith(kindsRouter());
  const chart = await request(app).get('/kinds/escalation/statechart');
  expect(chart.status).toBe(200);
  expect(chart.body).toMatchObject({ kind: 'escalation', root: { path: '' } });
  const unknown = await request(app).get('/kinds/tovenarij/statechart');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ code: 'unknown_kind' });
});

test('/ serves the built dashboard, or says how to build it', async () => {
  const built = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>DSO-LV</title>');
  const page = await request(appWith(dashboardFiles(built))).get('/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<title>DSO-LV</title>');
  const missing = await request(appWith(dashboardFiles(join(built, 'absent')))).get('/');
  expect(missing.status).toBe(503);
  expect(missing.text).toContain('npm run build');
});
