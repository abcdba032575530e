import { Client, Connection } from '@temporalio/client';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
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

test('the data folder is 700 and the SQLite files with their WAL and SHM 600', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'dso-lv-modes-')), 'data');
  // A folder an earlier version made with the usual umask: tightened at start.
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const server = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: join(dataDir, 'temporal.sqlite'),
    logFile: join(dataDir, 'temporal-dev-server.log'),
  });
  try {
    // Writes after start-up grow the WAL: a file made then must be private as well.
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    await client.workflowService.listWorkflowExecutions({ namespace: 'default' });
    await connection.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(
      expect.arrayContaining(['temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']),
    );
    const modes = Object.fromEntries(
      files.map((file) => [file, (statSync(join(dataDir, file)).mode & 0o777).toString(8)]),
    );
    expect(modes).toEqual(Object.fromEntries(files.map((file) => [file, '600'])));
  } finally {
    await server.stop();
  }
}, 90_000);
