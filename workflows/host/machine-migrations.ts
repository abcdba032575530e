/**
 * Versions of each kind's statechart, for runs that continue as new across a change of it. A
 * migration rewrites a persisted snapshot of the version before it (e.g. a renamed state) so the
 * new machine can resolve it. A kind without migrations is at version 1.
 */

/** A persisted XState snapshot, as JSON: only `value` is read or rewritten here. */
export type PersistedSnapshot = unknown;

export interface MachineMigration {
  /** The machine version this migration produces (the one before it is `to - 1`). */
  to: number;
  why: string;
  migrate(snapshot: PersistedSnapshot): PersistedSnapshot;
}

export type MachineMigrations = Readonly<Record<string, readonly MachineMigration[]>>;

/** Today's kinds have never renamed a state a carried run can be in. */
export const machineMigrations: MachineMigrations = {};

export function machineVersionOf(kind: string, migrations = machineMigrations): number {
  return Math.max(1, ...(migrations[kind] ?? []).map((migration) => migration.to));
}

/** The snapshot brought from `version` to the kind's current machine version. */
export function migrateSnapshot(
  kind: string,
  version: number,
  snapshot: PersistedSnapshot,
  migrations = machineMigrations,
): PersistedSnapshot {
  const current = machineVersionOf(kind, migrations);
  if (version > current) {
    throw new Error(
      `${kind} was carried over under machine version ${version}, newer than ${current}`,
    );
  }
  const steps = [...(migrations[kind] ?? [])]
    .filter((migration) => migration.to > version)
    .sort((a, b) => a.to - b.to);
  return steps.reduce((persisted, step) => step.migrate(persisted), snapshot);
}

type StateValue = string | { [key: string]: StateValue };

function renameIn(value: StateValue, path: readonly string[], to: string): StateValue {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof value === 'string') return rest.length === 0 && value === head ? to : value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key !== head) return [key, child];
      if (rest.length === 0) return [to, child];
      return [key, renameIn(child, rest, to)];
    }),
  );
}

/** A migration that renames one state, given by its path from the root (["phase1", "old"]). */
export function renameState(
  to: number,
  path: readonly string[],
  newName: string,
): MachineMigration {
  return {
    to,
    why: `state ${path.join('.')} is now ${newName}`,
    migrate: (snapshot) => {
      if (typeof snapshot !== 'object' || snapshot === null || !('value' in snapshot))
        return snapshot;
      const value = (snapshot as { value: StateValue }).value;
      return { ...snapshot, value: renameIn(value, path, newName) };
    },
  };
}
