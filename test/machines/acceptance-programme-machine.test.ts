import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { programmeDefinition } from '../../machines/acceptance-programme/definition';
import { DEFINITIVE_ACCEPTANCE_ONLY } from '../../machines/acceptance-programme/rules';
import type { ProgrammeContext } from '../../machines/acceptance-programme/types';
import { matrixRow } from '../../machines/acceptance/report';
import type { AcceptanceReport } from '../../machines/acceptance/types';
import { statePaths } from '../../workflows/snapshot-reading';
import { actors } from '../helpers/actors';
import { machineDriver } from '../helpers/machine-driver';

const at = '2019-02-01T09:00:00.000Z';
const system: Actor = { id: 'temporal', role: 'system' };
const driver = machineDriver(programmeDefinition, at, actors.programme);
const { send, event } = driver;
const provisions = [{ id: 'loket' }, { id: 'stelselcatalogus' }];
const start = () => driver.start({ provisions });
const ctx = (s: AnyMachineSnapshot) => s.context as ProgrammeContext;

const report = (id: string, change: Partial<AcceptanceReport>): AcceptanceReport => ({
  provision: { id, name: id },
  phase: 'phase1',
  delivered: false,
  definitivelyAccepted: false,
  matrix: matrixRow([]),
  provisionalAcceptance: {},
  definitiveAcceptance: {},
  discharge: null,
  managementCosts: { countFrom: 'ogbAcceptance', since: null, reason: '' },
  repairs: 0,
  agreement: 'preparing',
  overdue: [],
  ...change,
});
const progress = (id: string, change: Partial<AcceptanceReport>) => ({
  type: 'CHILD_PROGRESS',
  key: id,
  kind: 'acceptance',
  childId: `acceptance:${id}`,
  summary: `${id} summary`,
  tags: [],
  report: report(id, change),
});

/** A run as the host starts it for a history recorded before the known-state revision. */
function olderStart(): AnyMachineSnapshot {
  const input = programmeDefinition.input.parse({ provisions });
  return initialTransition(
    programmeDefinition.machine,
    programmeDefinition.machineInput(input, {
      actor: actors.programme,
      at,
      olderRules: [DEFINITIVE_ACCEPTANCE_ONLY],
    }),
  )[0];
}
const refusalOf = (s: AnyMachineSnapshot, payload: { type: string } & Record<string, unknown>) => {
  const { type, ...rest } = payload;
  return programmeDefinition.events[type]?.refusedBecause?.(s, rest);
};

function reported(begin: () => AnyMachineSnapshot = start): AnyMachineSnapshot {
  let s = begin();
  for (const { id } of provisions) {
    s = send(s, { type: 'READY_REPORT', provision: id }, actors.programme);
  }
  return s;
}
function delivered(begin: () => AnyMachineSnapshot = start): AnyMachineSnapshot {
  let s = reported(begin);
  for (const { id } of provisions) s = send(s, progress(id, { delivered: true }), system);
  return s;
}

describe('acceptance programme machine', () => {
  test('each ready report asks for one linked acceptance run with the programme dates', () => {
    let s = start();
    expect(programmeDefinition.children?.(s)).toEqual([]);
    s = send(s, { type: 'READY_REPORT', provision: 'loket', note: 'klaar' }, actors.programme);
    expect(s.can(event({ type: 'READY_REPORT', provision: 'loket' }, actors.programme))).toBe(
      false,
    );
    expect(s.can(event({ type: 'READY_REPORT', provision: 'onbekend' }, actors.programme))).toBe(
      false,
    );
    expect(programmeDefinition.children?.(s)).toEqual([
      {
        key: 'loket',
        kind: 'acceptance',
        linked: true,
        input: {
          provision: 'loket',
          provisionName: 'Loket (incl. viewer, beveiliging en autorisatie)',
          readyReportNote: 'klaar',
          phase1Due: '2019-06-30T22:00:00.000Z',
          phase2Due: '2019-12-31T23:00:00.000Z',
          agreementDue: '2019-06-30T22:00:00.000Z',
        },
      },
    ]);
  });

  test('phase 2 waits until every provision is delivered, then opens for every run once', () => {
    let s = reported();
    s = send(s, progress('loket', { delivered: true }), system);
    expect(statePaths(s)).toContain('acceptance.phase1');
    expect(programmeDefinition.childEvents?.(s)).toEqual([]);
    s = send(s, progress('stelselcatalogus', { delivered: true }), system);
    expect(statePaths(s)).toContain('acceptance.phase2.provisions');
    expect(programmeDefinition.childEvents?.(s)).toEqual(
      provisions.map(({ id }) => ({
        key: id,
        id: `phase2:${id}`,
        type: 'PHASE2_OPENED',
        payload: { programme: 'dso-lv' },
      })),
    );
  });

  // "Fase 2 … resulteert in een definitieve acceptatie van de verschillende producten én DSO-LV als
  // geheel" (§6.4): no known-state shortcut in runs on the current rules.
  test('the whole is judged only once every provision is definitively accepted; a known state is refused as beyond the arrangement', () => {
    let s = delivered();
    expect(s.can(event({ type: 'DEFINITIVELY_ACCEPT_WHOLE' }, actors.ogb))).toBe(false);
    expect(refusalOf(s, { type: 'DEFINITIVELY_ACCEPT_WHOLE' })).toEqual({
      rule: 'missing-earlier-step',
      reason:
        'eerst de definitieve acceptatie van elke voorziening (fase 2) / first the definitive acceptance of every provision (phase 2)',
    });
    s = send(s, progress('loket', { delivered: true, definitivelyAccepted: true }), system);
    const known = { type: 'ACCEPT_KNOWN_STATE', provision: 'stelselcatalogus', note: 'Bekend' };
    for (const body of [actors.ogb, actors.tbo]) {
      expect(s.can(event(known, body))).toBe(false);
    }
    expect(refusalOf(s, known)).toMatchObject({
      rule: 'limit-of-the-arrangement',
      reason: expect.stringContaining('§6.4 vraagt een definitieve acceptatie'),
    });
    expect(programmeDefinition.events.ACCEPT_KNOWN_STATE?.options?.(s, actors.ogb)).toEqual([]);
    expect(statePaths(s)).toContain('acceptance.phase2.provisions');
    s = send(
      s,
      progress('stelselcatalogus', { delivered: true, definitivelyAccepted: true }),
      system,
    );
    expect(statePaths(s)).toContain('acceptance.phase2.whole');
    expect(refusalOf(s, { type: 'WHOLE_REPAIRED' })?.reason).toMatch(/^eerst gemelde gebreken/);
  });

  test('a run started before the revision keeps the known-state shortcut it was recorded with', () => {
    let s = delivered(olderStart);
    s = send(s, progress('loket', { delivered: true, definitivelyAccepted: true }), system);
    const known = { type: 'ACCEPT_KNOWN_STATE', provision: 'loket', note: 'n' };
    expect(s.can(event(known, actors.ogb))).toBe(false);
    const catalogue = { ...known, provision: 'stelselcatalogus', note: 'Bekende beperking' };
    expect(refusalOf(s, catalogue)).toBeUndefined();
    s = send(s, catalogue, actors.ogb);
    expect(s.can(event(catalogue, actors.ogb))).toBe(false);
    expect(statePaths(s)).toContain('acceptance.phase2.provisions');
    s = send(s, catalogue, actors.tbo);
    expect(statePaths(s)).toContain('acceptance.phase2.whole');
  });

  test('a defect in the whole voids acceptance given; after repair both accept, which discharges the programme', () => {
    let s = delivered();
    for (const { id } of provisions) {
      s = send(s, progress(id, { delivered: true, definitivelyAccepted: true }), system);
    }
    s = send(s, { type: 'DEFINITIVELY_ACCEPT_WHOLE' }, actors.tbo);
    s = send(s, { type: 'REPORT_WHOLE_DEFECTS', findings: 'Keten faalt' }, actors.ogb);
    expect(statePaths(s)).toContain('acceptance.phase2.wholeRepair');
    expect(ctx(s).wholeAcceptance).toEqual({});
    const repaired = { type: 'WHOLE_REPAIRED', summary: 'ok', developmentCostCents: 5_000_000 };
    s = send(s, repaired, actors.developer);
    s = send(s, { type: 'DEFINITIVELY_ACCEPT_WHOLE' }, actors.ogb);
    s = send(s, { type: 'DEFINITIVELY_ACCEPT_WHOLE' }, actors.tbo);
    expect(statePaths(s)).toEqual(['acceptance.discharged', 'extensionProtocol.awaited']);
    expect(ctx(s).discharge).toEqual({ at });
    expect(ctx(s).wholeDefects[0]?.repaired?.developmentCostCents).toBe(5_000_000);
    expect(s.status).toBe('active');
    s = send(s, { type: 'EXTENSION_PROTOCOL_PROPOSED', summary: 'Protocol' }, actors.tbo);
    expect(s.status).toBe('done');
  });

  test('deadlines passing are recorded, and the matrix shows each provision with its status', () => {
    let s = reported();
    s = send(s, { type: 'DEADLINE_PASSED', deadline: 'phase1' }, system);
    expect(ctx(s).overdue).toEqual(['phase1']);
    s = send(s, progress('loket', { delivered: true }), system);
    const matrix = programmeDefinition.publicContext(s).matrix as {
      rows: { provision: string; status: string; summary: string | null }[];
    };
    expect(matrix.rows.map((r) => [r.provision, r.status, r.summary])).toEqual([
      ['loket', 'delivered', 'loket summary'],
      ['stelselcatalogus', 'phase1', null],
    ]);
  });

  test('the matrix shows a deadline met late as late, not overdue (a signed agreement is met)', () => {
    let s = reported();
    s = send(s, progress('loket', { agreement: 'signed', overdue: ['agreement'] }), system);
    s = send(
      s,
      progress('stelselcatalogus', {
        delivered: true,
        agreement: 'prepared',
        overdue: ['phase1', 'agreement'],
      }),
      system,
    );
    const rows = (
      programmeDefinition.publicContext(s).matrix as {
        rows: { provision: string; overdue: string[]; late: string[] }[];
      }
    ).rows.map(({ provision, overdue, late }) => ({ provision, overdue, late }));
    expect(rows).toEqual([
      { provision: 'loket', overdue: [], late: ['agreement'] },
      { provision: 'stelselcatalogus', overdue: ['agreement'], late: ['phase1'] },
    ]);
  });

  test('input: dates left out follow the ones given; dates out of order are refused by name', () => {
    const moved = programmeDefinition.input.parse({ phase1Due: '2027-07-01' });
    expect(moved).toMatchObject({
      phase1Due: '2027-06-30T22:00:00.000Z',
      phase2Due: '2027-12-31T23:00:00.000Z',
      agreementDue: '2027-06-30T22:00:00.000Z',
      extensionProtocolDue: '2028-09-30T22:00:00.000Z',
    });
    const run = start();
    expect(ctx(run).dues.phase2Due).toBe('2019-12-31T23:00:00.000Z');
    const wrong = programmeDefinition.input.safeParse({
      phase1Due: '2027-07-01',
      phase2Due: '2020-01-01',
    });
    expect(wrong.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['phase2Due']);
  });

  test('input: a provision listed twice is refused, defaults follow the seed', () => {
    const parsed = programmeDefinition.input.safeParse({ provisions: [{ id: 'a' }, { id: 'a' }] });
    expect(parsed.success).toBe(false);
    const defaults = programmeDefinition.input.parse({});
    expect(defaults.provisions).toHaveLength(11);
    expect(defaults.extensionProtocolDue).toBe('2020-09-30T22:00:00.000Z');
  });
});
