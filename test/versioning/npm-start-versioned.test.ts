/**
 * `npm start` with WORKER_DEPLOYMENT_NAME: the embedded worker declares the bundle's hash as its
 * build id, makes that version current, and the runs the API starts take their tasks there.
 * Run from the sources (tsx) with the bundle jest's global set-up built: no second `npm run
 * build` beside the end-to-end test's, which would write dist/ while that test reads it.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/temporal-binaries';
import { buildIdOf } from '../../server/worker-deployment';
import { workflowBundle } from '../helpers/workflow-environment';
import { freePort } from '../helpers/api-stack';
import { until } from '../helpers/until';
import { runVersioning } from './deployment-state';

test('the embedded worker makes its own version current; runs start on it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dso-lv-versioned-'));
  const port = await freePort();
  const temporalPort = await freePort();
  const { codePath } = await workflowBundle();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      WORKER_DEPLOYMENT_NAME: 'dso-lv',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const messages = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: unknown }).msg)
      .map(String);
  let client: Client | undefined;
  try {
    // The dev server, the worker and the API start in turn: on a busy machine that takes a while.
    const deadline = Date.now() + 90_000;
    while (!messages().some((line) => line.startsWith('API ready'))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`the product did not get ready:\n${stdout}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Only now: the embedded dev server is up once the API is.
    client = new Client({
      connection: await Connection.connect({ address: `127.0.0.1:${temporalPort}` }),
    });
    const buildId = buildIdOf(readFileSync(codePath));
    expect(messages()).toEqual(
      expect.arrayContaining([
        `Worker ready: task queue dso-lv, version dso-lv/${buildId}`,
        `Worker version ${buildId} is current`,
      ]),
    );

    const tokens = JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as {
      tokens: { token: string; actor: { id: string } }[];
    };
    const token = tokens.tokens.find((t) => t.actor.id === 'programma-dso')?.token ?? '';
    const started = await fetch(`http://127.0.0.1:${port}/api/v1/kinds/acceptance/processes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provision: 'loket', phase1Due: '2031-07-01' }),
    });
    expect(started.status).toBe(201);
    const reader = client;
    expect(
      await until(
        () => runVersioning(reader, 'acceptance:loket'),
        (where) => where.buildId !== undefined,
      ),
    ).toEqual({ buildId, behavior: 'AUTO_UPGRADE' });
  } finally {
    await client?.connection.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});
