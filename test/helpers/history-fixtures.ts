/**
 * Histories of real runs, kept as fixtures and replayed in the suite so that a change that breaks
 * determinism fails the tests. `npm run histories:record` refreshes them.
 *
 * They are stored as binary protobuf: the SDK's JSON export (historyToJSON) fails with the two
 * protobufjs versions the SDK packages bring along, and the binary form is what the server sends.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const History = temporal.api.history.v1.History;
export const historiesDir = join(__dirname, '..', 'fixtures', 'histories');

/** Writes the run's history as a fixture when RECORD_HISTORIES=1; otherwise does nothing. */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(join(historiesDir, `${name}.binpb`), History.encode(history).finish());
}

export function historyFixtures(): { name: string; history: temporal.api.history.v1.History }[] {
  return readdirSync(historiesDir)
    .filter((file) => file.endsWith('.binpb'))
    .map((file) => ({
      name: file.replace(/\.binpb$/, ''),
      history: History.decode(readFileSync(join(historiesDir, file))),
    }));
}
