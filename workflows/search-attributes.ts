import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes every process keeps current; the dev-server launcher and
 * docker-compose register them. Listing and filtering in the API go through these.
 */
export const searchAttributes = {
  kind: defineSearchAttributeKey('DsoKind', SearchAttributeType.KEYWORD),
  businessKey: defineSearchAttributeKey('DsoBusinessKey', SearchAttributeType.KEYWORD),
  state: defineSearchAttributeKey('DsoState', SearchAttributeType.KEYWORD_LIST),
  nextDeadline: defineSearchAttributeKey('DsoNextDeadline', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('DsoOverdue', SearchAttributeType.BOOL),
  /** Who may act now: roles ("tbo") and role:party where only that government may ("ogb:vng"). */
  waitingOn: defineSearchAttributeKey('DsoWaitingOn', SearchAttributeType.KEYWORD_LIST),
} as const;

/** Name and Temporal type of each, as `temporal server start-dev --search-attribute` takes them. */
export const searchAttributeRegistrations: readonly { name: string; type: string }[] = [
  { name: 'DsoKind', type: 'Keyword' },
  { name: 'DsoBusinessKey', type: 'Keyword' },
  { name: 'DsoState', type: 'KeywordList' },
  { name: 'DsoNextDeadline', type: 'Datetime' },
  { name: 'DsoOverdue', type: 'Bool' },
  { name: 'DsoWaitingOn', type: 'KeywordList' },
];
