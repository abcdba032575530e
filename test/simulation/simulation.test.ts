/**
 * The 2019–2028 simulation, run as `npm run simulate` runs it, on the time-skipping server: its
 * report holds the deadlines, reminders and decisions of every phase, and is well-formed HTML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { parseArguments } from '../../scripts/simulation/options';
import { runSimulation, scenario, type SimulationResult } from '../../scripts/simulation/run';

const out = join(__dirname, '..', '..', 'test-artifacts', 'simulation-test.html');

/** Every element closed explicitly and in order (void elements excepted). */
function structureOf(html: string) {
  const open: string[] = [];
  const problems: string[] = [];
  const counts = new Map<string, number>();
  const parser = new Parser(
    {
      onopentag(name) {
        open.push(name);
        counts.set(name, (counts.get(name) ?? 0) + 1);
      },
      onclosetag(name, isImplied) {
        if (isImplied && !['meta', 'br'].includes(name)) problems.push(`implied </${name}>`);
        if (open.pop() !== name) problems.push(`misnested </${name}>`);
      },
    },
    { recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { problems, unclosed: open, counts };
}

describe('the simulation 2019–2028', () => {
  let result: SimulationResult;
  beforeAll(async () => {
    result = await runSimulation(parseArguments(['--out', out, '--quiet']));
  }, 600_000);

  const itemsOf = (processId: string, kind?: string) =>
    result.items.filter((i) => i.processId === processId && (!kind || i.kind === kind));

  test('the 1 July 2019 phase-1 deadline, met, with reminders 30, 7 and 1 days before', () => {
    const programme = 'acceptance-programme:dso-lv';
    expect(itemsOf(programme, 'deadline').map((i) => [i.at, i.what])).toContainEqual([
      '2019-06-30T22:00:00.000Z',
      expect.stringMatching(/\(met\)$/),
    ]);
    expect(
      itemsOf(programme, 'reminder')
        .filter((i) => i.at < '2019-07-01')
        .map((i) => i.at),
    ).toEqual(['2019-05-31T22:00:00.000Z', '2019-06-23T22:00:00.000Z', '2019-06-29T22:00:00.000Z']);
    // The rejected provision: a negative verdict, the repair, and its discharge later in 2019.
    const catalogue = itemsOf('acceptance:stelselcatalogus', 'decision').map((i) => i.what);
    expect(catalogue.some((w) => w.startsWith('REPAIR_DELIVERED'))).toBe(true);
    expect(itemsOf('acceptance:stelselcatalogus', 'end')).toHaveLength(1);
    expect(itemsOf(programme, 'end')).toHaveLength(1);
  });

  test('the 2022 re-selection: decisions by the OGB Beheer and the BO, handover in 2024', () => {
    const decisions = (id: string) =>
      itemsOf(id, 'decision').filter((i) => i.what.startsWith('POSITION'));
    expect(decisions('decision:reselection-2024-2028-ogb')).toHaveLength(4);
    expect(decisions('decision:reselection-2024-2028-bo').map((i) => i.who)).toEqual([
      'bo-rijk',
      'bo-vng',
      'bo-ipo',
      'bo-uvw',
    ]);
    for (const item of decisions('decision:reselection-2024-2028-bo')) {
      expect(item.at.startsWith('2022-10-20')).toBe(true);
    }
    const termStart = itemsOf('reselection:2024-2028', 'met').find((i) => /reached/.test(i.what));
    expect(termStart?.at).toBe('2023-12-31T23:00:00.000Z');
    expect(
      itemsOf('reselection:2024-2028', 'reminder')
        .slice(-3)
        .map((i) => i.at),
    ).toEqual(['2023-12-01T23:00:00.000Z', '2023-12-24T23:00:00.000Z', '2023-12-30T23:00:00.000Z']);
  });

  test('nine P&C years, each started, decided and completed without an overdue deadline', () => {
    for (let year = 2020; year <= 2028; year++) {
      const id = `pc-cycle:${year}`;
      expect(itemsOf(id, 'start')).toHaveLength(1);
      expect(itemsOf(id, 'end')).toHaveLength(1);
      expect(itemsOf(id, 'overdue')).toEqual([]);
      expect(itemsOf(`decision:pc-${year}-strategisch-plan-1`, 'end')).toHaveLength(1);
    }
    expect(result.items.filter((i) => i.processId.startsWith('pc-cycle:'))).not.toHaveLength(0);
  });

  test('the escalation climbs from the OGB Beheer to the BO and is settled', () => {
    const id = 'escalation:uitleg-beheerovereenkomst-2025';
    expect(itemsOf(id, 'decision').map((i) => i.what.split(' ')[0])).toEqual(
      expect.arrayContaining(['MANDATE_LACKING', 'RESOLVE']),
    );
    const rungs = result.views.find((v) => v.id === id)?.output as {
      resolution: { rung: string };
      rungs: { rung: string }[];
    };
    expect(rungs.rungs.map((r) => r.rung)).toEqual(['ogb', 'bo', 'settlement']);
    expect(rungs.resolution.rung).toBe('settlement');
    expect(itemsOf('decision:uitleg-beheerovereenkomst-2025-bo-2', 'end')).toHaveLength(1);
  });

  test('the report: one section per year 2019–2029, every item a row, well-formed HTML', () => {
    const html = readFileSync(result.outPath, 'utf8');
    const { problems, unclosed, counts } = structureOf(html);
    expect(problems).toEqual([]);
    expect(unclosed).toEqual([]);
    expect(counts.get('tr')).toBe(result.items.length + (counts.get('section') ?? 0));
    for (let year = 2019; year <= 2028; year++) expect(html).toContain(`<section id="y${year}">`);
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    expect(html.includes('<time datetime="2019-06-29T22:00:00.000Z">')).toBe(true);
  });
});

test('what if the Act takes effect a year later: the 2021 spring meeting moves to May', () => {
  const spring = (argv: string[]) =>
    scenario(parseArguments(argv)).find((s) => s.label.startsWith('2021: spring meeting'))?.at;
  expect(spring([])).toBe('2021-04-15T09:00:00Z');
  expect(spring(['--act-date', '2022-01-01'])).toBe('2021-05-15T09:00:00Z');
  expect(() => parseArguments(['--act-date', '2022-13-01'])).toThrow(/actDate/);
  expect(() => parseArguments(['--late-provision', 'x'])).toThrow(/lateProvision/);
});
