/**
 * A time-skipping environment on the project's own test server, with its clock set: for the
 * workflow tests and for the 2019–2028 simulation (`npm run simulate`).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from './search-attribute-registration';
import { executableFor, readTemporalBinaries } from './temporal-binaries';

export async function createTimeSkippingAt(startTime: string): Promise<TestWorkflowEnvironment> {
  const { testServer } = readTemporalBinaries();
  if (!testServer?.startTime) {
    throw new Error(
      'walking through the years in workflow time needs the test server built by ' +
        'scripts/temporal-binaries.mjs (it can start its clock at a chosen instant); ' +
        'run "npm run temporal:binaries"',
    );
  }
  const env = await startWithRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: executableFor(testServer), extraArgs: ['--start-time', startTime] },
    }),
  );
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

const START_ATTEMPTS = 8;

/**
 * The SDK gives the server a fixed five seconds to answer and then kills it; a JVM on a busy
 * two-core machine can need longer. Only that failure is tried again.
 */
async function startWithRetries(
  start: () => Promise<TestWorkflowEnvironment>,
): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      // Not `instanceof Error`: the native bridge's errors come from another realm under jest.
      const slowStart = /did not start within/.test(String(error));
      if (!slowStart || attempt >= START_ATTEMPTS) throw error;
    }
  }
}
