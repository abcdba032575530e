/**
 * Carries out the memo part of an `upsertSearchAttributes` effect (VIEW_MEMO_PATCH): one more
 * command in the same workflow task, so visibility shows the memo and the search attributes of
 * the same moment. effects.ts calls it after upserting the search attributes.
 */
import { upsertMemo } from '@temporalio/workflow';
import { VIEW_MEMO_KEY } from './view-memo';
import type { SearchAttributeValues } from './visibility';

export function upsertViewMemo(values: SearchAttributeValues): void {
  if (values.memo !== undefined) upsertMemo({ [VIEW_MEMO_KEY]: values.memo });
}
