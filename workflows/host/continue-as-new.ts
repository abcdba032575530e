/**
 * When a run continues as new: Temporal suggests it (or the history reached the test's bound),
 * and nothing that would not survive it is under way. Linked children survive it (they run on
 * their own and report by signal); a plain child of an older run would not, so it waits for them.
 */
import type { HostInput } from '../contract';
import type { HostState } from './host-state';

/** How long the loop waits for deliveries under way before it serves deadlines again. */
export const DELIVERIES_WAIT_MS = 60_000;

/** No plain (unlinked) child runs: those end with their parent's run. */
export const mayContinueAsNew = (state: HostState): boolean =>
  !state.children.some((child) => child.status === 'running' && !child.linked);

export function shouldContinueAsNew(
  info: { continueAsNewSuggested: boolean; historyLength: number },
  hostInput: Pick<HostInput, 'continueAsNewAfterEvents'>,
): boolean {
  return (
    info.continueAsNewSuggested ||
    (hostInput.continueAsNewAfterEvents !== undefined &&
      info.historyLength >= hostInput.continueAsNewAfterEvents)
  );
}
