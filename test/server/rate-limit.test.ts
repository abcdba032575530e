/** The calendar's cap on builds at once, on a real HTTP server with a build that waits. */
import express from 'express';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarLimits } from '../../server/rate-limit';
import { createTokenFile, TokenRegistry } from '../../server/tokens';

test('a calendar request beyond the builds allowed at once → 429; after one ends, the next is built', async () => {
  const file = createTokenFile(join(mkdtempSync(join(tmpdir(), 'dso-lv-limit-')), 'tokens.json'));
  const tokens = new TokenRegistry(file);
  let finishBuild: () => void = () => undefined;
  const building = new Promise<void>((resolve) => (finishBuild = resolve));
  let started = 0;
  let signalStarted: () => void = () => undefined;
  const firstStarted = new Promise<void>((resolve) => (signalStarted = resolve));
  const app = express();
  app.get('/calendar.ics', ...calendarLimits(100, 1, tokens), async (_request, response) => {
    started++;
    if (started === 1) {
      signalStarted();
      await building;
    }
    response.type('text/calendar').send('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/calendar.ics?token=${file.tokens[0]?.token ?? ''}`;
    const first = fetch(url);
    await firstStarted;
    const busy = await fetch(url);
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({
      code: 'rate_limited',
      details: { maxConcurrent: 1 },
    });
    finishBuild();
    expect((await first).status).toBe(200);
    expect((await fetch(url)).status).toBe(200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
