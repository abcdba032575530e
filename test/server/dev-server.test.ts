import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevServerExited, startDevServer } from '../../server/dev-server';
import { freePort } from '../helpers/api-stack';

test('a dev server that cannot bind its port stops start-up with the reason it printed', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  try {
    const failure = startDevServer({
      host: '127.0.0.1',
      port: address.port,
      uiPort: await freePort(),
      namespace: 'default',
      dbFile: undefined,
      logFile: join(mkdtempSync(join(tmpdir(), 'dso-lv-dev-')), 'temporal.log'),
    });
    await expect(failure).rejects.toBeInstanceOf(DevServerExited);
    await expect(failure).rejects.toThrow(/address already in use/);
  } finally {
    // The readiness probe's connection would otherwise keep the server open.
    taken.closeAllConnections();
    await new Promise((resolve) => taken.close(resolve));
  }
}, 60_000);
