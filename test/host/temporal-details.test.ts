/** What Temporal's own tools show of a run, as pure texts: summaries, details, timer names. */
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import type { DeadlineRecord } from '../../workflows/contract';
import { decide, type HostContext } from '../../workflows/host/decide';
import { initialState } from '../../workflows/host/host-state';
import { currentRules } from '../../workflows/host/patches';
import {
  clampSummary,
  currentDetails,
  detailsKeeper,
  runDetails,
  wakeSummary,
} from '../../workflows/host/temporal-details';
import { allowedMemo } from '../../workflows/host/visibility';
import { operatorIdentity } from '../../server/operator-identity';
import { actors } from '../helpers/actors';

const START = Date.parse('2024-03-04T09:00:00Z');
const at = new Date(START).toISOString();

function started() {
  const ctx: HostContext = {
    definition: acceptanceDefinition,
    workflowId: 'acceptance:loket',
    businessKey: 'loket',
    rules: currentRules,
    allowed: allowedMemo(acceptanceDefinition),
    stableAttributesSet: () => true,
  };
  const hostInput = { input: { provision: 'loket' }, startedBy: actors.programme };
  const state = initialState(acceptanceDefinition, hostInput, hostInput.input, at, []);
  return { ctx, state: decide(ctx, state, { type: 'start' }, START).state };
}

const record = (change: Partial<DeadlineRecord>): DeadlineRecord => ({
  id: 'criteriaAdvice',
  label: 'Advies over de beoordelingscriteria (TBO)',
  due: '2024-07-01T00:00:00+02:00',
  remindDaysBefore: [30, 7],
  moment: false,
  status: 'running',
  reminders: [],
  ...change,
});

test('a timer is named by what falls due: a reminder, a deadline, a moment, the end of a suspension', () => {
  const due = Date.parse('2024-06-30T22:00:00Z');
  const remindAt = '2024-06-24T22:00:00.000Z';
  const reminded = record({
    reminders: [{ daysBefore: 7, scheduledFor: remindAt, status: 'planned' }],
  });
  expect(wakeSummary([reminded], Date.parse(remindAt), undefined, 120)).toBe(
    'Herinnering 7 dagen vooraf: Advies over de beoordelingscriteria (TBO), uiterlijk 30 juni 2024',
  );
  expect(wakeSummary([reminded], due, undefined, 120)).toBe(
    'Termijn: Advies over de beoordelingscriteria (TBO), uiterlijk 30 juni 2024',
  );
  const moment = record({ label: 'Start nieuwe termijn', moment: true });
  expect(wakeSummary([moment], due, undefined, 120)).toBe(
    'Moment: Start nieuwe termijn, op 1 juli 2024',
  );
  const suspended = record({ status: 'suspended' });
  expect(wakeSummary([suspended], due, () => due, 120)).toBe(
    'Einde opschorting: Advies over de beoordelingscriteria (TBO), 1 juli 2024',
  );
  expect(
    wakeSummary([reminded, record({ id: 'other', label: 'Ander' })], due, undefined, 120),
  ).toBe('Termijn: Advies over de beoordelingscriteria (TBO), uiterlijk 30 juni 2024 (+1)');
});

test('a summary is one line, cut at a character within its bytes, and none below a useful size', () => {
  expect(clampSummary('Acceptatie van\neen voorziening', 120)).toBe(
    'Acceptatie van een voorziening',
  );
  const cut = clampSummary('Overeenkomst één twee drie vier vijf zes', 30) ?? '';
  expect(cut).toBe('Overeenkomst één twee d…');
  expect(Buffer.byteLength(JSON.stringify(cut))).toBeLessThanOrEqual(30);
  expect(clampSummary('Overeenkomst', 23)).toBeUndefined();
});

test('the current details say where the run stands, who must act and the next deadline', () => {
  const { ctx, state } = started();
  const details = currentDetails(
    acceptanceDefinition,
    state,
    ctx.allowed(state.snapshot, at, true),
  );
  expect(details).toMatch(/^\*\*Stand:\*\* \S/);
  expect(details).toContain('**Aan zet:**\n- ');
  expect(details).toMatch(/\*\*Volgende termijn:\*\* (geen|.+, uiterlijk \d+ \w+ \d{4})/);
});

test('the details are worked out anew only when the state or its deadlines changed', () => {
  const { ctx, state } = started();
  const keep = detailsKeeper(acceptanceDefinition, ctx.allowed);
  expect(keep(state, at)).toEqual(expect.stringContaining('**Stand:**'));
  expect(keep({ ...state, history: [] }, at)).toBeUndefined();
  expect(keep({ ...state, deadlines: [...state.deadlines] }, at)).toEqual(expect.any(String));
});

test('the static details and the identity name the operator by role, party and id', () => {
  expect(
    runDetails('decision', 'begroting-2020', { api: { id: 'ogb-vng', role: 'ogb', party: 'vng' } }),
  ).toContain('Gestart via de API door OGB Beheer (VNG), `ogb-vng`.');
  expect(operatorIdentity({ id: 'ogb-vng', role: 'ogb', party: 'vng' }, '4711@api')).toBe(
    'ogb:vng:ogb-vng via 4711@api',
  );
  expect(
    operatorIdentity({ id: 'obo-kadaster', role: 'obo', organisation: 'kadaster' }, '1@h'),
  ).toBe('obo:kadaster:obo-kadaster via 1@h');
});
