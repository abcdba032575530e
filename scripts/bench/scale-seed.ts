/**
 * Seeds runs for the scale benchmark through the API, as operators start them, a bounded number
 * at a time: each start answers only once the worker has run the first task (the API reads the
 * new run's view), so its search attributes and memo are set. "Current" runs stay running, of four
 * kinds; "past" runs stand for the years before. Most are the cheapest real runs there are, so
 * that 10,000 fit on two cores: obligations for a moment long past, started by the client as the
 * API starts them and ended by themselves in their first task (the benchmark then waits until
 * visibility counts them closed). One in ten is an obligation delivered by its event through the
 * API, one in ten an acceptance, escalation or decision started through the API and then ended
 * by termination (their real ends take a dozen events each; to visibility a closed run is a
 * closed run either way).
 */
import type { Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { defaultActors } from '../../server/tokens';
import { searchAttributes } from '../../workflows/search-attributes';

type Start = { kind: string; actor: string; body: Record<string, unknown> };

export interface SeedTarget {
  client: Client;
  baseUrl: string;
  tokens: Record<string, string>;
  /** Makes this benchmark's business keys unique on a server that keeps older runs. */
  tag: string;
  taskQueue: string;
}

function currentStart(i: number, key: string): Start {
  switch (i % 4) {
    case 0:
      return {
        kind: 'acceptance',
        actor: 'programma-dso',
        body: {
          provision: key,
          phase1Due: '2027-07-01',
          phase2Due: '2028-01-01',
          agreementDue: '2027-07-01',
        },
      };
    case 1:
      return {
        kind: 'escalation',
        actor: 'sbo',
        body: { disputeKey: key, subject: 'Budget', description: 'Uitleg', origin: 'sbo-tbo' },
      };
    case 2:
      return {
        kind: 'decision',
        actor: 'sbo',
        body: {
          decisionKey: key,
          body: 'bo',
          subject: 'Plan Uitbouw DSO-LV',
          proposal: 'Vaststellen Plan Uitbouw',
          meetingDate: '2030-03-01',
        },
      };
    default:
      return {
        kind: 'obligation',
        actor: 'sbo',
        body: {
          obligationKey: key,
          title: 'Evaluatie beheerarrangement',
          source: 'Beheerarrangement §9',
          owner: { role: 'sbo' },
          recipient: { role: 'bo' },
          due: '2030-03-01',
        },
      };
  }
}

async function post(
  target: SeedTarget,
  path: string,
  actor: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${target.tokens[actor] ?? ''}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  }
}

const startPath = (kind: string) => `/kinds/${kind}/processes`;
const sbo = defaultActors().find((actor) => actor.id === 'sbo') ?? { id: 'sbo', role: 'sbo' };

async function seedCurrent(target: SeedTarget, i: number): Promise<void> {
  const start = currentStart(i, `bench-${target.tag}-c${i}`);
  await post(target, startPath(start.kind), start.actor, start.body);
}

async function seedPast(target: SeedTarget, i: number): Promise<void> {
  const key = `bench-${target.tag}-p${i}`;
  const obligation = {
    obligationKey: key,
    title: 'Jaarverslag',
    source: 'Beheerarrangement §6.5',
    owner: { role: 'sbo' },
  };
  switch (i % 10) {
    default: {
      // A moment long past, reached in the run's first task; started as ProcessService starts.
      await target.client.workflow.start('obligation', {
        taskQueue: target.taskQueue,
        workflowId: `obligation:${key}`,
        args: [{ input: { ...obligation, moment: true, due: '2020-01-01' }, startedBy: sbo }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: [
          { key: searchAttributes.kind, value: 'obligation' },
          { key: searchAttributes.businessKey, value: key },
        ],
      });
      return;
    }
    case 8:
      await post(target, startPath('obligation'), 'sbo', { ...obligation, due: '2030-03-01' });
      await post(target, `/kinds/obligation/processes/${key}/events`, 'sbo', {
        type: 'DELIVER',
        reference: 'Jaarverslag',
      });
      return;
    case 9: {
      const start = currentStart(Math.floor(i / 10) % 3, key);
      await post(target, startPath(start.kind), start.actor, start.body);
      await target.client.workflow
        .getHandle(`${start.kind}:${key}`)
        .terminate('benchmark: stands for a run of past years');
    }
  }
}

/** Runs `count` tasks, at most `concurrency` at once, reporting progress now and then. */
async function bounded(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  progress: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await task(i);
      done += 1;
      if (done % 500 === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Whether past run i goes through the API (and waits for its answer) or the client alone. */
const throughApi = (i: number) => i % 10 >= 8;

export async function seed(
  target: SeedTarget,
  runs: { current: number; past: number; pastFrom: number },
  concurrency: number,
  log: (line: string) => void,
  /** Until the worker has caught up with what was started (visibility counts them closed). */
  drained: () => Promise<void>,
): Promise<void> {
  await bounded(
    runs.current,
    concurrency,
    (i) => seedCurrent(target, i),
    (done) => log(`  current runs: ${done}/${runs.current}`),
  );
  const past = Array.from({ length: runs.past }, (_, i) => runs.pastFrom + i);
  // The API's starts first: each waits for its run's first task, which a backlog of the
  // client's starts would hold up past the API's query timeout.
  const viaApi = past.filter(throughApi);
  await bounded(
    viaApi.length,
    concurrency,
    (i) => seedPast(target, viaApi[i] ?? 0),
    (done) => log(`  past runs through the API: ${done}/${viaApi.length}`),
  );
  const direct = past.filter((i) => !throughApi(i));
  // In chunks, so the worker's backlog (and the server's queue) stays bounded.
  const CHUNK = 1000;
  for (let from = 0; from < direct.length; from += CHUNK) {
    const chunk = direct.slice(from, from + CHUNK);
    await bounded(
      chunk.length,
      concurrency,
      (i) => seedPast(target, chunk[i] ?? 0),
      () => undefined,
    );
    await drained();
    log(`  past runs by the client: ${Math.min(from + CHUNK, direct.length)}/${direct.length}`);
  }
}
