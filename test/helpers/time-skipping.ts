/** A time-skipping test environment on the project's own test server, with its clock set. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../server/search-attribute-registration';
import { executableFor, readTemporalBinaries } from '../../server/temporal-binaries';

export async function createTimeSkippingAt(startTime: string): Promise<TestWorkflowEnvironment> {
  const { testServer } = readTemporalBinaries();
  if (!testServer?.startTime) {
    throw new Error(
      'these tests walk through 2019 in workflow time and need the test server built by ' +
        'scripts/temporal-binaries.mjs (it can start its clock at a chosen instant)',
    );
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executableFor(testServer), extraArgs: ['--start-time', startTime] },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
