/**
 * Jest's global set-up: the workflow bundle is built once per `npm test` (or reused when it still
 * matches its sources), instead of once in every test file that starts a worker.
 */
import { ensureWorkflowBundle } from '../../server/workflow-bundle';

export default async function buildWorkflowBundleOnce(): Promise<void> {
  const { codePath, built } = await ensureWorkflowBundle();
  if (!built.fresh)
    process.stderr.write(`[workflows] bundled into ${codePath} (${built.reason})\n`);
}
