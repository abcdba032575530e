/** A scenario is a list of steps, each at a workflow time; phases add theirs, the runner sorts. */
import type { Actor, Party } from '../../machines/actors';
import { organisationIdOf } from '../../machines/organisations';
import type { World } from './world';

export interface Step {
  /** The workflow time (ISO instant) the step happens at. */
  at: string;
  phase: 'acceptance' | 're-selection' | 'P&C' | 'escalation';
  label: string;
  run(world: World): Promise<void>;
}

/** The operators, as their credentials would name them. */
export const who = {
  programme: { id: 'programma-dso', role: 'programme' },
  developer: { id: 'ontwikkelpartij', role: 'developer' },
  tbo: { id: 'tbo', role: 'tbo' },
  /** An operational manager acts for its own organisation only (obo-kadaster, …). */
  obo: (organisation: string): Actor => {
    const id = organisationIdOf(organisation);
    return { id: `obo-${id}`, role: 'obo', organisation: id };
  },
  sbo: { id: 'sbo', role: 'sbo', party: 'rijk' },
  ogb: (party: Party): Actor => ({ id: `ogb-${party}`, role: 'ogb', party }),
  bo: (party: Party): Actor => ({ id: `bo-${party}`, role: 'bo', party }),
} as const satisfies Record<string, Actor | ((party: Party) => Actor)>;

export const governments: readonly Party[] = ['rijk', 'vng', 'ipo', 'uvw'];

/** The id of a running child of `parentId` under `key`, once the parent has started it. */
export async function runningChild(world: World, parentId: string, key: string): Promise<string> {
  const view = await world.viewWhen(
    parentId,
    (v) => v.children.some((c) => c.key === key && c.status === 'running'),
    `child ${key}`,
  );
  const child = view.children.find((c) => c.key === key && c.status === 'running');
  if (!child) throw new Error(`no running child ${key} of ${parentId}`);
  // The child may not answer queries in the very moment it was started.
  await world.viewWhen(child.id, () => true, child.id);
  return child.id;
}

/** Every government's member takes the same position in a decision run. */
export async function everyone(
  world: World,
  decisionId: string,
  body: 'ogb' | 'bo',
  position: 'agree' | 'object' = 'agree',
): Promise<void> {
  for (const party of governments) {
    await world.send(decisionId, { type: 'POSITION', position }, who[body](party));
  }
}
