/**
 * The patch ids the host asks `patched()` about. A history recorded before a patch replays with
 * the behaviour it was recorded under; each is asked only where its behaviour differs, so runs
 * that never meet the case never record its marker.
 */

/** The DsoWaitingOn search attribute (visibility.ts). */
export const WAITING_ON_PATCH = 'search-attribute-waiting-on';
/**
 * The bounds on deadline changes (deadline-rules.ts): who a deadline binds, how far it may move,
 * and suspensions that end by themselves.
 */
export const DEADLINE_RULES_PATCH = 'deadline-change-rules';
/**
 * Actors bound to their organisation: an event that names an organisation is its own actor's
 * (EventDefinition.actsFor), and some events changed hands (legacyRoles).
 */
export const ACTS_FOR_PATCH = 'actors-act-for-their-organisation';
/** Resumptions that move a whole-day term by whole days; asked only when one resumes. */
export const WHOLE_DAY_RESUME_PATCH = 'resume-whole-days';
/**
 * Due items first: an event, report or change that arrives when a deadline or reminder is due
 * (after a worker outage, or in the same task as the timer) comes after them, so lateness follows
 * the workflow clock. Asked only when something is due as an input arrives.
 */
export const DUE_ITEMS_FIRST_PATCH = 'due-items-first';
/**
 * Every child linked: a child the machine does not ask to be linked still runs on its own and
 * reports by signal, so it does not hold back its parent's continue-as-new. Asked per plain child.
 */
export const LINK_EVERY_CHILD_PATCH = 'link-every-child';
/**
 * Search attributes that never change (DsoKind, DsoBusinessKey) are set when the run starts, not
 * upserted with the others.
 */
export const STABLE_ATTRIBUTES_AT_START_PATCH = 'stable-search-attributes-at-start';
/**
 * An existing linked child that has completed is adopted as completed, not recorded as failed.
 * Asked only when the link to an existing child cannot be delivered.
 */
export const ADOPT_COMPLETED_CHILD_PATCH = 'adopt-completed-child';

/**
 * The wait for deliveries before continue-as-new is bounded: a reminder whose channel keeps
 * failing no longer holds the loop (and its deadlines) until the activity gives up.
 */
export const BOUNDED_DELIVERIES_WAIT_PATCH = 'bounded-deliveries-wait';

/**
 * A signal to a parent or child that was refused is sent again a few times (signal-delivery.ts),
 * instead of being given up at once. Asked only when a signal fails.
 */
export const RESEND_UNDELIVERED_SIGNALS_PATCH = 'resend-undelivered-signals';

/**
 * A run carried over by continue-as-new links its running children again (relink.ts), so a report
 * lost while the previous run ended is sent once more. Asked in the first task of such a run.
 */
export const RELINK_AFTER_CONTINUE_AS_NEW_PATCH = 'relink-after-continue-as-new';

/**
 * The memo `dsoView` (view-memo.ts) is upserted with the search attributes, so the inbox and the
 * calendar feed read visibility instead of each run's view.
 */
export const VIEW_MEMO_PATCH = 'view-memo';

/** Whether a patch holds for this run: `patched` in a workflow, always true in unit tests. */
export interface Rules {
  patched(id: string): boolean;
}

export const currentRules: Rules = { patched: () => true };
