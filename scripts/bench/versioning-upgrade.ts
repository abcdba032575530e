/**
 * What Worker Versioning costs (`node --import tsx scripts/bench/versioning-upgrade.ts`), on the
 * dev server with the rolling-upgrade test's probe kind (test/versioning/probe):
 *   (v1) an event's round trip on a versioned worker vs an unversioned one, same code;
 *   (v2) an auto-upgrade run's first event after the switch to a new version (the new worker has
 *        no cached copy: it replays the history) vs its next event;
 *   (v3) the build id (SHA-256 of the product's prebuilt bundle) vs the worker's start;
 *   (v4) from the switch until the old version reports drained, with drainage checked every second.
 * Printed as a markdown table for docs/BENCHMARKS.md; ratios are what counts, a busy machine
 * shifts both sides.
 */
import { Client, Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '../../server/logger';
import { EncryptionCodec } from '../../server/payload-codec';
import { executableFor, readTemporalBinaries } from '../../server/temporal-binaries';
import { dataConverterWith } from '../../server/temporal-connection';
import { createWorker } from '../../server/worker';
import { buildIdOf, setCurrentVersion } from '../../server/worker-deployment';
import { ensureWorkflowBundle, writeWorkflowBundle } from '../../server/workflow-bundle';
import { eventUpdate, type EventRequest } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';

const ROUNDS = Number(process.argv[2] ?? 40);
const DEPLOYMENT = 'dso-lv-bench';
const tbo = { id: 'tbo', role: 'tbo' } as const;
const probe = (release: 1 | 2) => resolve(__dirname, `../../test/versioning/probe/v${release}.ts`);
const codec = new EncryptionCodec([{ id: 'bench', key: randomBytes(32) }]);
const dir = mkdtempSync(join(tmpdir(), 'dso-versioning-bench-'));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableFor(readTemporalBinaries().devServer),
      extraArgs: [
        'matching.wv.VersionDrainageStatusVisibilityGracePeriod=1',
        'matching.wv.VersionDrainageStatusRefreshInterval=1',
      ].flatMap((value) => ['--dynamic-config-value', value]),
      searchAttributes: Object.values(searchAttributes),
    },
  });
  const client = new Client({
    connection: await Connection.connect({ address: env.address }),
    dataConverter: dataConverterWith(codec),
  });
  const stops: (() => Promise<void>)[] = [];
  const release = async (n: 1 | 2, taskQueue: string, versioned: boolean) => {
    const bundlePath = join(dir, `release-${n}.js`);
    if (!statSync(bundlePath, { throwIfNoEntry: false })) {
      await writeWorkflowBundle(bundlePath, probe(n));
    }
    const { worker, version } = await createWorker({
      connection: { address: env.address },
      payloadCodec: codec,
      namespace: 'default',
      taskQueue,
      reminders: { webhook: undefined, email: undefined },
      logger: createLogger('warn'),
      shutdownGraceTimeMs: 1000,
      workflowBundlePath: bundlePath,
      ...(versioned
        ? { deployment: { name: `${DEPLOYMENT}-${taskQueue}`, buildId: undefined } }
        : {}),
    });
    const run = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run;
    });
    if (version) {
      await setCurrentVersion(client.workflowService, {
        namespace: 'default',
        version,
        identity: 'bench',
      });
    }
    return { worker, version };
  };
  let serial = 0;
  const startRun = async (taskQueue: string) => {
    const workflowId = `probeAuto:bench-${++serial}`;
    await client.workflow.start('probeAuto', {
      taskQueue,
      workflowId,
      args: [{ input: { key: `bench-${serial}` }, startedBy: tbo }],
    });
    // Events only after the start's task (as test/versioning/rolling-upgrade.test.ts does).
    while ((await client.workflow.getHandle(workflowId).describe()).historyLength < 4) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return workflowId;
  };
  const note = (workflowId: string) =>
    client.workflow.getHandle(workflowId).executeUpdate(eventUpdate, {
      args: [{ event: { type: 'NOTE' }, actor: tbo } satisfies EventRequest],
    });

  try {
    // (v1) Same code, one queue versioned and one not; events alternate between a run on each.
    await release(1, 'plain', false);
    await release(1, 'versioned', true);
    const plainRun = await startRun('plain');
    const versionedRun = await startRun('versioned');
    for (const id of [plainRun, versionedRun]) for (let i = 0; i < 5; i++) await note(id);
    const plain: number[] = [];
    const versioned: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      plain.push(await timed(() => note(plainRun)));
      versioned.push(await timed(() => note(versionedRun)));
    }

    // (v2) Runs on release 1 with a few events each; release 2 current; first event vs next.
    const queue = 'upgrade';
    const one = await release(1, queue, true);
    const runs: string[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 20); i++) {
      const id = await startRun(queue);
      for (let k = 0; k < 5; k++) await note(id);
      runs.push(id);
    }
    const two = await release(2, queue, true);
    const switchedAt = performance.now();
    const first: number[] = [];
    const next: number[] = [];
    for (const id of runs) {
      first.push(await timed(() => note(id)));
      next.push(await timed(() => note(id)));
    }
    const moved = await Promise.all(
      runs.map(async (id) => {
        const { raw } = await client.workflow.getHandle(id).describe();
        return raw.workflowExecutionInfo?.versioningInfo?.deploymentVersion?.buildId;
      }),
    );
    if (!moved.every((buildId) => buildId === two.version?.buildId)) {
      throw new Error('not every auto-upgrade run moved to release 2');
    }
    // (v4) The old version drains once no pinned run is open (none here).
    const oldVersion = one.version as WorkerDeploymentVersion;
    for (;;) {
      const answer = await client.workflowService.describeWorkerDeploymentVersion({
        namespace: 'default',
        deploymentVersion: oldVersion,
      });
      if (
        answer.workerDeploymentVersionInfo?.drainageInfo?.status ===
        temporal.api.enums.v1.VersionDrainageStatus.VERSION_DRAINAGE_STATUS_DRAINED
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const drainedMs = performance.now() - switchedAt;

    // (v3) Hashing the product's prebuilt bundle, vs creating a worker from it.
    const { codePath } = await ensureWorkflowBundle();
    const productBundle = readFileSync(codePath);
    const hashes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      buildIdOf(productBundle);
      hashes.push(performance.now() - started);
    }
    const hashMs = median(hashes);
    const connection = await NativeConnection.connect({ address: env.address });
    const startedCreate = performance.now();
    const productWorker = await Worker.create({
      connection,
      taskQueue: 'product-start',
      workflowBundle: { codePath },
    });
    const productCreateMs = performance.now() - startedCreate;
    const productRun = productWorker.run();
    productWorker.shutdown();
    await productRun;
    await connection.close();

    const v1Ratio = median(versioned) / median(plain);
    const v2Ratio = median(first) / median(next);
    console.log(`| measure | value | ratio |`);
    console.log(`| --- | --- | --- |`);
    console.log(
      `| (v1) event round trip p50, versioned vs unversioned worker (${ROUNDS} each) | ${ms(median(versioned))} vs ${ms(median(plain))} | ${v1Ratio.toFixed(2)}× |`,
    );
    console.log(
      `| (v2) first event after the switch vs the next (${runs.length} runs, 6 events of history) | ${ms(median(first))} vs ${ms(median(next))} | ${v2Ratio.toFixed(2)}× |`,
    );
    console.log(
      `| (v3) build id of the ${(productBundle.length / 1e6).toFixed(1)} MB product bundle vs Worker.create from it | ${ms(hashMs)} vs ${ms(productCreateMs)} | ${(hashMs / productCreateMs).toFixed(3)}× |`,
    );
    console.log(`| (v4) switch → old version DRAINED (checked every 1 s) | ${ms(drainedMs)} | — |`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await client.connection.close();
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
