/** The statechart the dashboard draws, read from the real acceptance machine. */
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import { programmeDefinition } from '../../machines/acceptance-programme/definition';
import { findDefinition, processKinds } from '../../machines/registry';
import { statechartOf, type StatechartNode } from '../../server/statechart';

function find(node: StatechartNode, path: string): StatechartNode | undefined {
  if (node.path === path) return node;
  for (const child of node.children) {
    const found = find(child, path);
    if (found) return found;
  }
  return undefined;
}

const chart = statechartOf(acceptanceDefinition);

test('the nodes nest as the machine nests them, with their Dutch labels and types', () => {
  expect(chart).toMatchObject({ kind: 'acceptance', title: acceptanceDefinition.title });
  expect(chart.root).toMatchObject({ path: '', type: 'parallel' });
  expect(chart.root.children.map((child) => child.key)).toEqual(['acceptance', 'agreement']);
  expect(find(chart.root, 'acceptance.phase1')).toMatchObject({
    type: 'compound',
    label: 'Fase 1: voorlopige acceptatie',
    initial: 'criteria',
    deadline: 'phase1',
  });
  expect(find(chart.root, 'acceptance.phase1')?.children.map((child) => child.key)).toEqual([
    'criteria',
    'assessment',
    'repair',
    'resubmission',
    'provisionalAcceptance',
  ]);
  expect(find(chart.root, 'acceptance.definitivelyAccepted')?.type).toBe('final');
  expect(find(chart.root, 'agreement.open.preparing')).toMatchObject({
    type: 'atomic',
    label: 'TBO bereidt de afspraken over operationeel beheer voor',
    children: [],
  });
});

test('transitions name their event, its operator label, their targets and whether guarded', () => {
  const criteria = find(chart.root, 'acceptance.phase1.criteria');
  expect(criteria?.transitions).toEqual(
    expect.arrayContaining([
      {
        event: 'FIX_CRITERIA',
        label: acceptanceDefinition.events.FIX_CRITERIA?.label,
        system: false,
        targets: ['acceptance.phase1.assessment'],
        guarded: true,
      },
    ]),
  );
  const assessment = find(chart.root, 'acceptance.phase1.assessment');
  expect(assessment?.transitions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ event: 'VERDICT', targets: [] }),
      {
        event: 'always',
        label: 'vanzelf',
        system: true,
        targets: ['acceptance.phase1.repair'],
        guarded: true,
      },
    ]),
  );
});

test('the chart is plain JSON, for every kind', () => {
  const programme = statechartOf(programmeDefinition);
  expect(JSON.parse(JSON.stringify(programme))).toEqual(programme);
  expect(programme.root.children.length).toBeGreaterThan(0);
});

const everyNode = (node: StatechartNode): StatechartNode[] => [
  node,
  ...node.children.flatMap(everyNode),
];

test('every node and transition of every kind has a Dutch label, never its raw name', () => {
  for (const kind of processKinds) {
    const definition = findDefinition(kind);
    if (!definition) throw new Error(`no definition for ${kind}`);
    const nodes = everyNode(statechartOf(definition).root);
    for (const node of nodes) {
      expect({ kind, path: node.path, label: node.label }).not.toMatchObject({
        label: node.key,
      });
      expect(node.label).not.toBe('');
      for (const transition of node.transitions) {
        expect({ kind, event: transition.event, label: transition.label }).not.toMatchObject({
          label: transition.event,
        });
      }
    }
  }
  const deadline = everyNode(chart.root)
    .flatMap((node) => node.transitions)
    .find((transition) => transition.event === 'DEADLINE_PASSED');
  expect(deadline).toMatchObject({ label: 'Termijn verstreken', system: true });
});
