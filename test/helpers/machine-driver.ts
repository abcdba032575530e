/** Drives a process definition's machine purely, the way the host does, for machine tests. */
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import type { ProcessDefinition } from '../../machines/process-definition';

type Payload = { type: string } & Record<string, unknown>;

export function machineDriver(definition: ProcessDefinition, at: string, starter: Actor) {
  const event = (payload: Payload, actor: Actor) => ({ note: '', ...payload, actor, at });
  return {
    /** The run's first snapshot, from a start input as the API would receive it. */
    start: (rawInput: unknown): AnyMachineSnapshot => {
      const input = definition.input.parse(rawInput);
      return initialTransition(
        definition.machine,
        definition.machineInput(input, { actor: starter, at }),
      )[0];
    },
    event,
    /** Sends an event the machine must accept, and returns the next snapshot. */
    send: (snapshot: AnyMachineSnapshot, payload: Payload, actor: Actor): AnyMachineSnapshot => {
      expect(snapshot.can(event(payload, actor) as never)).toBe(true);
      return transition(definition.machine, snapshot, event(payload, actor) as never)[0];
    },
  };
}
