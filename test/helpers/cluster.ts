/**
 * The product as a cluster: the Temporal Server on PostgreSQL (scripts/temporal-cluster.mjs, the
 * script operators use), and the API and workers as processes of their own (`COMPONENTS`), with
 * one token file and one payload key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createTokenFile } from '../../server/tokens';
import { freePort } from './api-stack';

const script = join(__dirname, '..', '..', 'scripts', 'temporal-cluster.mjs');
const clusterState = z.object({ address: z.string(), serverPid: z.number().int() });

function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`temporal-cluster ${args[0]}: ${output}`)),
    );
  });
}

/** Until the process is gone, so a restart finds its ports free. */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ComponentProcess {
  child: ChildProcess;
  ready: Promise<void>;
}

export class ClusterRig {
  private readonly children = new Set<ChildProcess>();
  readonly tokens: Record<string, string>;
  private readonly env: Record<string, string>;
  private readonly apiDataDir: string;

  private constructor(
    private readonly dir: string,
    private state: z.infer<typeof clusterState>,
  ) {
    // As docker-compose.yml: the API keeps its token file in its DATA_DIR.
    this.apiDataDir = join(dir, 'api');
    mkdirSync(this.apiDataDir);
    const tokenFile = createTokenFile(join(this.apiDataDir, 'tokens.json'));
    this.tokens = Object.fromEntries(tokenFile.tokens.map(({ token, actor }) => [actor.id, token]));
    this.env = {
      TEMPORAL_ADDRESS: state.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'dso-lv',
      PAYLOAD_KEYS: `cluster-test:${randomBytes(32).toString('base64')}`,
      SHUTDOWN_GRACE_TIME: '1s',
    };
  }

  get address(): string {
    return this.state.address;
  }

  /** PostgreSQL and the Temporal Server, detached, in a fresh data folder. */
  static async start(): Promise<ClusterRig> {
    const dir = mkdtempSync(join(tmpdir(), 'dso-lv-cluster-test-'));
    // Run as root, PostgreSQL runs as another user, who must reach its folder inside this one.
    chmodSync(dir, 0o755);
    await runScript(['start', '--data', join(dir, 'cluster'), '--detach']);
    return new ClusterRig(dir, ClusterRig.readState(dir));
  }

  private static readState(dir: string) {
    return clusterState.parse(
      JSON.parse(readFileSync(join(dir, 'cluster', 'cluster.json'), 'utf8')),
    );
  }

  /** SIGKILL of the Temporal Server (PostgreSQL keeps running), then the script starts it again. */
  async crashAndRestartServer(): Promise<void> {
    process.kill(this.state.serverPid, 'SIGKILL');
    await gone(this.state.serverPid);
    await runScript(['start', '--data', join(this.dir, 'cluster'), '--detach']);
    this.state = ClusterRig.readState(this.dir);
  }

  /** A product process, `npm start` with only the given components (one process: tsx as loader). */
  startComponent(components: 'api' | 'worker', extraEnv: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        ...this.env,
        COMPONENTS: components,
        DATA_DIR: mkdtempSync(join(this.dir, `${components}-`)),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    const readyLine = components === 'api' ? 'API ready' : 'Worker ready';
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(readyLine)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${components} exited (${code}): ${output}`)));
    });
    return { child, ready };
  }

  async startApi(): Promise<string> {
    const port = await freePort();
    await this.startComponent('api', { PORT: String(port), DATA_DIR: this.apiDataDir }).ready;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGKILL');
          }),
      ),
    );
    await runScript(['stop', '--data', join(this.dir, 'cluster')]).catch((error: unknown) =>
      console.warn(error),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}
