/**
 * Model-based tests over the process registry (issue 15, item 7): for every kind, the events its
 * model offers — through the host's own gate — walk the machine's reachable states with
 * @xstate/graph; every transition the chart defines must be taken on some generated path, and
 * from every state reached a final state must remain reachable.
 */
import { definitionOf, processKinds } from '../../machines/registry';
import { kindModels } from '../helpers/model-events';
import {
  deadEnds,
  describeEvent,
  explore,
  shortestPaths,
  type Exploration,
} from '../helpers/model-events/explore';
import { transitionsOf } from '../helpers/model-events/transitions';

test('every kind in the registry has a model', () => {
  expect(processKinds.filter((kind) => !Object.hasOwn(kindModels, kind))).toEqual([]);
});

describe.each(processKinds.filter((kind) => Object.hasOwn(kindModels, kind)))('%s', (kind) => {
  const definition = definitionOf(kind);
  const model = kindModels[kind];
  if (!model) throw new Error(`no model for ${kind}`);
  let runs: { start: string; exploration: Exploration }[] = [];
  beforeAll(() => {
    runs = model.starts.map((start) => ({
      start: start.name,
      exploration: explore(definition, model, start),
    }));
  });

  test('every transition of the chart is taken on some generated path', () => {
    const taken = new Set(runs.flatMap(({ exploration }) => [...exploration.taken.keys()]));
    const untaken = [...transitionsOf(definition.machine)]
      .filter(([transition]) => !taken.has(transition))
      .map(([, name]) => name);
    const excepted = (model.untaken ?? []).map((exception) => exception.key);
    expect(untaken.filter((name) => !excepted.includes(name))).toEqual([]);
    // A documented exception that no longer holds is stale: the chart changed, so must the model.
    expect(excepted.filter((name) => !untaken.includes(name))).toEqual([]);
  });

  test('the path that takes a transition replays to where the traversal says', () => {
    for (const { exploration } of runs) {
      const paths = shortestPaths(exploration);
      for (const step of exploration.taken.values()) {
        if (step.from === undefined) continue;
        expect(paths.has(step.from)).toBe(true);
        const reached = exploration.edges
          .get(step.from)
          ?.some((edge) => describeEvent(edge.event) === describeEvent(step.event));
        expect(reached).toBe(true);
      }
    }
  });

  test('from every reachable state a final state can still be reached', () => {
    const stuck = runs.flatMap(({ start, exploration }) => {
      const paths = shortestPaths(exploration);
      return deadEnds(exploration).map((state) => ({
        start,
        state: JSON.stringify(exploration.states.get(state)?.value),
        context: state,
        path: paths.get(state) ?? [],
      }));
    });
    const excepted = (model.deadEnds ?? []).map((exception) => exception.key);
    expect(stuck.filter(({ state }) => !excepted.includes(state))).toEqual([]);
    expect(excepted.filter((key) => !stuck.some(({ state }) => state === key))).toEqual([]);
  });
});
