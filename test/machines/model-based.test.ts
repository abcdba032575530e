/**
 * Model-based tests over the process registry (issue 15, item 7): for every kind, the events its
 * model offers — through the host's own gate — walk the machine's reachable states with
 * @xstate/graph; every transition the chart defines must be taken on some generated path, and
 * from every state reached a final state must remain reachable.
 */
import { transition } from 'xstate';
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

  // The traversal merges states that differ only in context the model calls irrelevant; if
  // that context mattered, replaying a path from the start would end somewhere else.
  test('each generated path replays, from the start, through the states the traversal says', () => {
    const astray = runs.flatMap(({ start, exploration }) =>
      [...shortestPaths(exploration)].flatMap(([state, path]) => {
        let snapshot = exploration.initialSnapshot;
        for (const event of path) [snapshot] = transition(definition.machine, snapshot, event);
        const replayed = exploration.serialise(snapshot);
        return replayed === state
          ? []
          : [{ start, path: path.map(describeEvent), state, replayed }];
      }),
    );
    expect(astray).toEqual([]);
  });

  test('from every reachable state a final state can still be reached', () => {
    const stuck = runs.flatMap(({ start, exploration }) => {
      const paths = shortestPaths(exploration);
      return deadEnds(exploration).map((state) => ({
        start,
        state: JSON.stringify(exploration.states.get(state)?.value),
        context: state,
        path: (paths.get(state) ?? []).map(describeEvent),
      }));
    });
    const excepted = (model.deadEnds ?? []).map((exception) => exception.key);
    expect(stuck.filter(({ state }) => !excepted.includes(state))).toEqual([]);
    expect(excepted.filter((key) => !stuck.some(({ state }) => state === key))).toEqual([]);
  });
});
