/**
 * Worker Versioning behaviour per workflow type (docs/DECISIONS.md, "Worker Versioning"). Each
 * binding says its own, so the choice is read where the kind is, not only in the worker's default.
 */
import type { VersioningBehavior } from '@temporalio/common';

/**
 * Runs that last weeks to years and continue as new only when their history grows long: pinned,
 * they would hold every release's workers for years. They move to each new version at their next
 * task, and changes that would alter a recorded history are guarded by `patched()`.
 */
export const LONG_RUNNING: { versioningBehavior: VersioningBehavior } = {
  versioningBehavior: 'AUTO_UPGRADE',
};

/** Runs that end within a task or two: they finish on the code they started on, no patch needed. */
export const SHORT_LIVED: { versioningBehavior: VersioningBehavior } = {
  versioningBehavior: 'PINNED',
};
