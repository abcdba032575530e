/**
 * Continue-as-new across a change of code: a run carried over under machine version N resumes
 * under N+1, where a state it is in has been renamed; state carried by the first host migrates.
 */
import { createMachine, transition } from 'xstate';
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import type { ProcessDefinition } from '../../machines/process-definition';
import type { CarriedHostState, CarriedState } from '../../workflows/contract';
import {
  carryState,
  HOST_SCHEMA_VERSION,
  initialState,
  migrateCarried,
  resumeState,
} from '../../workflows/host/host-state';
import { renameState, type MachineMigrations } from '../../workflows/host/machine-migrations';
import { actors } from '../helpers/actors';

const machineWith = (reviewName: string) =>
  createMachine({
    id: 'toy',
    initial: 'draft',
    states: {
      draft: { on: { SUBMIT: reviewName } },
      [reviewName]: { on: { APPROVE: 'done' } },
      done: { type: 'final' },
    },
  });

/** A toy kind: only the machine differs between its two versions. */
const toyAt = (reviewName: string): ProcessDefinition => ({
  ...(acceptanceDefinition as unknown as ProcessDefinition),
  kind: 'toy',
  machine: machineWith(reviewName),
  machineInput: () => ({}),
  deadlines: {},
});

test('a run carried over under version 1 resumes under version 2 with a renamed state', () => {
  const v1 = toyAt('review');
  const start = initialState(
    v1,
    { input: {}, startedBy: actors.tbo },
    {},
    '2024-01-01T00:00:00Z',
    [],
  );
  const [inReview] = transition(v1.machine, start.snapshot, { type: 'SUBMIT' });
  const carried = carryState(v1, { ...start, snapshot: inReview });
  expect(carried.schemaVersion).toBe(HOST_SCHEMA_VERSION);
  expect(carried.machineVersion).toBe(1);
  expect(carried.generation).toBe(1);

  const v2 = toyAt('assessment');
  const migrations: MachineMigrations = { toy: [renameState(2, ['review'], 'assessment')] };
  const resumed = resumeState(
    v2,
    JSON.parse(JSON.stringify(carried)) as CarriedHostState,
    migrations,
  );
  expect(resumed.snapshot.value).toBe('assessment');
  expect(resumed.snapshot.can({ type: 'APPROVE' })).toBe(true);
  expect(resumed.history).toEqual(start.history);
  // Carried again, it says it is at version 2, and no migration runs twice.
  const again = carryState(v2, resumed, migrations);
  expect(again.machineVersion).toBe(2);
  expect(resumeState(v2, again, migrations).snapshot.value).toBe('assessment');
});

test('without the migration the renamed state cannot be resumed', () => {
  const v1 = toyAt('review');
  const start = initialState(
    v1,
    { input: {}, startedBy: actors.tbo },
    {},
    '2024-01-01T00:00:00Z',
    [],
  );
  const carried = carryState(v1, {
    ...start,
    snapshot: transition(v1.machine, start.snapshot, { type: 'SUBMIT' })[0],
  });
  expect(() =>
    resumeState(toyAt('assessment'), carried).snapshot.can({ type: 'APPROVE' }),
  ).toThrow();
});

test('state carried by the first host (no schemaVersion) migrates to the current shape', () => {
  const old: CarriedState = {
    snapshot: { value: 'draft', status: 'active', context: {}, children: {} },
    deadlines: [],
    children: [],
    history: [],
    startedAt: '2020-01-01T00:00:00Z',
    generation: 3,
  };
  const migrated = migrateCarried(old);
  expect(migrated).toMatchObject({
    schemaVersion: HOST_SCHEMA_VERSION,
    machineVersion: 1,
    appliedUpdateIds: [],
    links: [],
    sentChildEvents: [],
    receivedParentEvents: [],
    lastReports: {},
    childReportSeqs: {},
    generation: 3,
  });
  expect(() => migrateCarried({ ...migrated, schemaVersion: HOST_SCHEMA_VERSION + 1 })).toThrow(
    /newer than this host/,
  );
});
