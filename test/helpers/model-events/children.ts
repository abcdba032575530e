/**
 * What the host feeds a parent about its children: the reports and outputs their own kind's
 * machine really gives (found by walking the child's model), or a failed run.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { systemActor } from '../../../machines/actors';
import type { ChildRequest, ProcessDefinition } from '../../../machines/process-definition';
import { definitionOf } from '../../../machines/registry';
import { explore } from './explore';
import type { KindModel } from './types';

const outputsByKind = new Map<string, unknown[]>();
const reportsByKind = new Map<string, unknown[]>();

/**
 * The distinct reports a kind's runs send a parent (`reportToParent`) in the states its model
 * reaches, by what the parent reads of them (`project`).
 */
export function childReports(
  kind: string,
  model: KindModel,
  project: (report: unknown) => unknown,
): unknown[] {
  const cacheKey = `${kind} ${project.toString()}`;
  const known = reportsByKind.get(cacheKey);
  if (known) return known;
  const definition = definitionOf(kind);
  const reports = new Map<string, unknown>();
  for (const start of model.starts) {
    for (const snapshot of explore(definition, model, start).reached) {
      const report = definition.reportToParent?.(snapshot);
      reports.set(JSON.stringify(project(report)), report);
    }
  }
  const found = [...reports.values()];
  reportsByKind.set(cacheKey, found);
  return found;
}

/**
 * The distinct outputs a kind's runs end with, by what the parent reads of them (`project`),
 * from the final states its model reaches.
 */
export function finalOutputs(
  kind: string,
  model: KindModel,
  project: (output: unknown) => unknown,
): unknown[] {
  const cacheKey = `${kind} ${project.toString()}`;
  const known = outputsByKind.get(cacheKey);
  if (known) return known;
  const definition = definitionOf(kind);
  const outputs = new Map<string, unknown>();
  for (const start of model.starts) {
    for (const snapshot of explore(definition, model, start).reached) {
      if (snapshot.status !== 'done') continue;
      const output: unknown = snapshot.output;
      outputs.set(JSON.stringify(project(output)), output);
    }
  }
  const found = [...outputs.values()];
  outputsByKind.set(cacheKey, found);
  return found;
}

/** CHILD_DONE for every child the state needs: each given output, and a failed run. */
export function childrenDone(
  definition: ProcessDefinition,
  outputs: (request: ChildRequest) => readonly unknown[],
  at: string,
) {
  return (snapshot: AnyMachineSnapshot): EventObject[] =>
    (definition.children?.(snapshot) ?? []).flatMap((request) => {
      const done = (status: 'completed' | 'failed', output: unknown) => ({
        type: 'CHILD_DONE',
        key: request.key,
        kind: request.kind,
        childId: `${request.kind}-${request.key}`,
        status,
        output,
        actor: systemActor,
        at,
      });
      return [...outputs(request).map((output) => done('completed', output)), done('failed', null)];
    });
}
