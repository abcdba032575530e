/**
 * The host's state, in one value: what a run knows besides its workflow's own bookkeeping. The
 * decisions (decide.ts) take it and return the next one; continue-as-new carries it, versioned,
 * so code that renamed a state or changed this shape still resumes a run carried over before.
 */
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { ProcessDefinition } from '../../machines/process-definition';
import type {
  AuditEntry,
  CarriedHostState,
  CarriedState,
  ChildRecord,
  DeadlineRecord,
  HostInput,
  ParentLink,
} from '../contract';
import { createDeadlines } from '../deadline-book';
import { statePaths } from '../snapshot-reading';
import { machineVersionOf, migrateSnapshot, type MachineMigrations } from './machine-migrations';

/** The version of CarriedHostState this code writes; `migrateCarried` reads every older one. */
export const HOST_SCHEMA_VERSION = 2;

export interface HostState {
  snapshot: AnyMachineSnapshot;
  history: AuditEntry[];
  deadlines: DeadlineRecord[];
  children: ChildRecord[];
  startedAt: string;
  updatedAt: string;
  /** Update ids already applied, kept across continue-as-new so a retry stays applied once. */
  appliedUpdateIds: string[];
  links: ParentLink[];
  /** Ids of events sent to linked children, and received from parents: each goes once. */
  sentChildEvents: string[];
  receivedParentEvents: string[];
  /** The last report sent to each parent (by workflow id), so unchanged reports are not resent. */
  lastReports: Record<string, string>;
  /** The sequence of the last report applied from each linked child (by key). */
  childReportSeqs: Record<string, number>;
  generation: number;
  /**
   * The search attributes last upserted (serialised), so unchanged ones are not upserted again.
   * Not carried: a new run upserts once, as the host always did.
   */
  lastSearchAttributes: string;
}

const isVersioned = (carried: CarriedState | CarriedHostState): carried is CarriedHostState =>
  'schemaVersion' in carried && typeof carried.schemaVersion === 'number';

/**
 * Any carried state as this code's shape. Version 1 is the CarriedState of the first host (no
 * `schemaVersion`, optional fields added one by one); its machine version is 1.
 */
export function migrateCarried(carried: CarriedState | CarriedHostState): CarriedHostState {
  if (isVersioned(carried)) {
    if (carried.schemaVersion > HOST_SCHEMA_VERSION) {
      throw new Error(
        `carried state of schema ${carried.schemaVersion} is newer than this host (${HOST_SCHEMA_VERSION})`,
      );
    }
    return carried;
  }
  return {
    schemaVersion: HOST_SCHEMA_VERSION,
    machineVersion: 1,
    snapshot: carried.snapshot,
    deadlines: carried.deadlines,
    children: carried.children,
    history: carried.history,
    startedAt: carried.startedAt,
    appliedUpdateIds: carried.appliedUpdateIds ?? [],
    links: carried.links ?? [],
    sentChildEvents: carried.sentChildEvents ?? [],
    receivedParentEvents: carried.receivedParentEvents ?? [],
    lastReports: carried.lastReports ?? {},
    childReportSeqs: carried.childReportSeqs ?? {},
    generation: carried.generation,
  };
}

/** The state a run resumes with after continue-as-new, its snapshot migrated to this machine. */
export function resumeState(
  definition: ProcessDefinition,
  carried: CarriedState | CarriedHostState,
  migrations?: MachineMigrations,
): HostState {
  const current = migrateCarried(carried);
  const persisted = migrateSnapshot(
    definition.kind,
    current.machineVersion,
    current.snapshot,
    migrations,
  );
  const snapshot = definition.machine.resolveState(
    persisted as Parameters<typeof definition.machine.resolveState>[0],
  );
  return {
    snapshot,
    history: current.history,
    deadlines: current.deadlines,
    children: current.children,
    startedAt: current.startedAt,
    appliedUpdateIds: current.appliedUpdateIds,
    links: current.links,
    sentChildEvents: current.sentChildEvents,
    receivedParentEvents: current.receivedParentEvents,
    lastReports: current.lastReports,
    childReportSeqs: current.childReportSeqs,
    generation: current.generation,
    updatedAt: current.history[current.history.length - 1]?.at ?? current.startedAt,
    lastSearchAttributes: '',
  };
}

/** What continue-as-new carries: the state with its versions, the snapshot persisted. */
export function carryState(
  definition: ProcessDefinition,
  state: HostState,
  migrations?: MachineMigrations,
): CarriedHostState {
  return {
    schemaVersion: HOST_SCHEMA_VERSION,
    machineVersion: machineVersionOf(definition.kind, migrations),
    snapshot: definition.machine.getPersistedSnapshot(state.snapshot),
    deadlines: state.deadlines,
    children: state.children,
    history: state.history,
    startedAt: state.startedAt,
    appliedUpdateIds: state.appliedUpdateIds,
    links: state.links,
    sentChildEvents: state.sentChildEvents,
    receivedParentEvents: state.receivedParentEvents,
    lastReports: state.lastReports,
    childReportSeqs: state.childReportSeqs,
    generation: state.generation + 1,
  };
}

/** A new run's state: the machine's first snapshot, the START entry, deadlines not yet running. */
export function initialState(
  definition: ProcessDefinition,
  hostInput: HostInput,
  input: unknown,
  startedAt: string,
  /** The rule revisions this run follows the older rules of (ProcessDefinition.ruleRevisions). */
  olderRules: readonly string[],
): HostState {
  const [snapshot] = initialTransition(
    definition.machine,
    definition.machineInput(input, { actor: hostInput.startedBy, at: startedAt, olderRules }),
  );
  return {
    snapshot,
    history: [
      {
        seq: 1,
        at: startedAt,
        actor: hostInput.startedBy,
        event: { type: 'START', ...(hostInput.input as Record<string, unknown>) },
        from: [],
        to: statePaths(snapshot),
      },
    ],
    deadlines: createDeadlines(definition),
    children: [],
    startedAt,
    updatedAt: startedAt,
    appliedUpdateIds: [],
    links: hostInput.parent ? [hostInput.parent] : [],
    sentChildEvents: [],
    receivedParentEvents: [],
    lastReports: {},
    childReportSeqs: {},
    generation: 0,
    lastSearchAttributes: '',
  };
}
