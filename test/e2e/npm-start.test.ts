/**
 * The product as `npm start` runs it (built, then node dist/server/main.js): ready lines, the
 * embedded dev server with its Web UI, persistence across a restart, an ordered shutdown, and a
 * clear stop on invalid configuration.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/temporal-binaries';
import { freePort } from '../helpers/api-stack';

interface Started {
  child: ChildProcess;
  output: () => string;
  /** stdout: the product's log, one JSON object a line. */
  logLines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startProduct(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const logLines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, output: () => output, logLines, exited };
}

async function until(condition: () => boolean, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
});

test('starts every component, keeps runs across a restart, and stops in order', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dso-lv-start-'));
  const env = {
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    WORKER_METRICS_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    METRICS_TOKEN: 'prometheus-scrape-token',
  };
  // As a folder made by hand with the usual umask: the product makes it private.
  chmodSync(dataDir, 0o755);
  const api = `http://127.0.0.1:${env.PORT}/api/v1`;
  let product = startProduct(env);
  await until(() => product.output().includes('API ready'), 'the API', product.output);
  // The product's own lines, not the Temporal SDK's (those carry an sdkComponent).
  const messages = () =>
    product
      .logLines()
      .filter((line) => line.sdkComponent === undefined)
      .map((line) => String(line.msg));
  for (const expected of [
    /^Operator tokens created in .*tokens\.json$/,
    /^Temporal dev server ready: 127\.0\.0\.1:\d+, namespace default, data .*temporal\.sqlite/,
    new RegExp(`^Temporal Web UI ready: http://127\\.0\\.0\\.1:${env.TEMPORAL_UI_PORT}$`),
    /^Worker ready: task queue dso-lv$/,
    new RegExp(`^API ready: ${api.replace(/[.]/g, '\\.')} `),
  ]) {
    expect(messages().some((message) => expected.test(message))).toBe(true);
  }
  expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
  expect(messages()).toContainEqual(
    expect.stringMatching(/^Payload keys created in .*payload-keys\.json: sealing with "local-/),
  );
  expect(messages()).toContainEqual(expect.stringMatching(/^Temporal Web UI is read-only/));

  const tokens = JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as {
    tokens: { token: string; actor: { id: string } }[];
  };
  const token = tokens.tokens.find((t) => t.actor.id === 'programma-dso')?.token ?? '';
  const started = await fetch(`${api}/kinds/acceptance/processes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ provision: 'loket', phase1Due: '2031-07-01' }),
  });
  expect(started.status).toBe(201);
  // Its access line, with the request id the answer carries and the run it started.
  const requestId = started.headers.get('x-request-id');
  // Written when the answer is sent: it may reach the pipe just after the answer.
  const accessLine = () =>
    product.logLines().find((line) => line.msg === 'request' && line.requestId === requestId);
  await until(() => accessLine() !== undefined, 'the access line', product.output);
  expect(accessLine()).toMatchObject({
    route: '/api/v1/kinds/:kind/processes',
    status: 201,
    workflowId: 'acceptance:loket',
    actorId: 'programma-dso',
  });
  // The worker's SDK metrics, for Prometheus, beside the API's own on /metrics.
  const workerMetrics = await (
    await fetch(`http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`)
  ).text();
  expect(workerMetrics).toMatch(/temporal_/);
  const apiMetrics = await fetch(`http://127.0.0.1:${env.PORT}/metrics`, {
    headers: { authorization: `Bearer ${env.METRICS_TOKEN}` },
  });
  expect(await apiMetrics.text()).toContain('route="/api/v1/kinds/:kind/processes",status="201"');
  expect((await fetch(`http://127.0.0.1:${env.PORT}/metrics`)).status).toBe(401);

  product.child.kill('SIGTERM');
  expect(await product.exited).toBe(0);
  // Stopped in reverse order of start: no new requests first, the dev server last.
  const stopping = messages().slice(messages().indexOf('SIGTERM received, shutting down'));
  expect(stopping.filter((message) => /stopped$|^Stopped$/i.test(message))).toEqual([
    'API stopped',
    'Temporal client stopped',
    'Worker stopped',
    'Temporal dev server stopped',
    'Stopped',
  ]);
  expect(await listening(Number(env.TEMPORAL_PORT))).toBe(false);

  product = startProduct(env);
  await until(
    () => product.output().includes('API ready'),
    'the API after a restart',
    product.output,
  );
  expect(product.output()).toMatch(/Operator tokens read from/);
  // The same key: the run of the first start opens.
  expect(product.output()).toMatch(/Payload keys read from/);
  const view = await fetch(`${api}/processes/acceptance:loket`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(view.status).toBe(200);
  expect(((await view.json()) as { businessKey: string }).businessKey).toBe('loket');
  // Every history and the tokens: for the product's own user only.
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  const files = readdirSync(dataDir);
  expect(files).toEqual(
    expect.arrayContaining(['tokens.json', 'temporal.sqlite', 'temporal.sqlite-wal']),
  );
  for (const file of files) {
    expect({ file, mode: (statSync(join(dataDir, file)).mode & 0o777).toString(8) }).toEqual({
      file,
      mode: '600',
    });
  }
  product.child.kill('SIGINT');
  expect(await product.exited).toBe(0);
});

test('invalid configuration stops start-up with the variable and the reason', async () => {
  const product = startProduct({ PORT: 'abc', TEMPORAL_ADDRESS: 'not an address' });
  expect(await product.exited).toBe(2);
  expect(product.output()).toMatch(/Invalid configuration:/);
  expect(product.output()).toMatch(/PORT: .*\(got "abc"\)/);
  expect(product.output()).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
});
