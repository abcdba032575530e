/** What a kind's model-based test needs beyond its definition: starts, actors, values, bounds. */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { Actor } from '../../../machines/actors';

export interface ModelStart {
  /** Names the start in failure messages. */
  readonly name: string;
  /** The start request as the API receives it (parsed by the definition's schema). */
  readonly input: unknown;
  /** The moment the run starts. */
  readonly at: string;
  /** Rule revisions the run started before (older runs keep older rules). */
  readonly olderRules?: readonly string[];
}

/** A transition or a state the test accepts as it is, with the reason; asserted to still hold. */
export interface ModelException {
  readonly key: string;
  readonly reason: string;
}

export interface KindModel {
  readonly starts: readonly ModelStart[];
  /** Who tries the operator events; the definition's gate decides whom the run accepts. */
  readonly actors: readonly Actor[];
  /** Values to try for string fields of event payloads, by field name ("x" otherwise). */
  readonly strings?: Readonly<Record<string, readonly string[]>>;
  /** The moments an operator event may carry in this state (the start's moment otherwise). */
  moments?(snapshot: AnyMachineSnapshot, start: ModelStart): readonly string[];
  /** Payloads to try for an event type, where the schema alone cannot say (e.g. one per item). */
  payloads?(
    type: string,
    snapshot: AnyMachineSnapshot,
  ): readonly Record<string, unknown>[] | undefined;
  /** Events the host itself feeds besides DEADLINE_PASSED (children's reports, parents' events). */
  systemEvents?(snapshot: AnyMachineSnapshot, start: ModelStart): readonly EventObject[];
  /**
   * Whether to try this accepted event here: prunes interleavings that differ only in order, to
   * keep the traversal bounded. Every transition must stay reachable (the test checks it).
   */
  keep?(
    snapshot: AnyMachineSnapshot,
    event: EventObject & { actor?: Actor },
    start: ModelStart,
  ): boolean;
  /** The part of the context that guards and later transitions depend on; the rest is dropped. */
  relevant(snapshot: AnyMachineSnapshot): unknown;
  /** Transitions no generated path takes, each with why (keys as the test lists them). */
  readonly untaken?: readonly ModelException[];
  /** Reachable states without a path to a final state, each with why (keys: serialised value). */
  readonly deadEnds?: readonly ModelException[];
}
