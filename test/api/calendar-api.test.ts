/**
 * The iCalendar feed on the dev server: real processes, the feed read back by a real iCalendar
 * parser (ical.js), as a calendar client would.
 */
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { createRequire } from 'node:module';
import { adviceEvent } from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';

// ical.js types itself as an ES module; its CommonJS build is the same library for require.
const ICAL = createRequire(__filename)('ical.js') as typeof ICALModule;

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? '';

interface FeedEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  url: string;
  start: { value: string; isDate: boolean };
  alarms: string[];
}

async function feed(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.baseUrl}/api/v1/deadlines/calendar.ics${query}`, {
    headers,
  });
  return { response, text: await response.text() };
}

function eventsOf(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const start = vevent.getFirstPropertyValue('dtstart') as ICALModule.Time;
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      sequence: Number(vevent.getFirstPropertyValue('sequence') ?? Number.NaN),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: String(vevent.getFirstPropertyValue('description')),
      url: String(vevent.getFirstPropertyValue('url')),
      start: { value: start.toString(), isDate: start.isDate },
      alarms: vevent
        .getAllSubcomponents('valarm')
        .map((alarm) =>
          (alarm.getFirstPropertyValue('trigger') as ICALModule.Time).toJSDate().toISOString(),
        ),
    };
  });
}

const uids = (events: FeedEvent[]) => events.map((event) => event.uid).sort();

beforeAll(async () => {
  stack = await startApiStack('calendar-api');
  call = apiClient(stack);
  const started = await Promise.all([
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: {
        provision: 'cal-loket',
        phase1Due: '2027-07-01',
        phase2Due: '2028-01-01',
        agreementDue: '2027-07-01',
      },
    }),
    call('POST', '/api/v1/kinds/escalation/processes', {
      token: token('sbo'),
      body: {
        disputeKey: 'cal-geschil',
        subject: 'Budget',
        description: 'Uitleg',
        origin: 'sbo-tbo',
      },
    }),
  ]);
  expect(started.map((answer) => answer.status)).toEqual([201, 201]);
  // The TBO has advised: now the OGB Beheer fixes the criteria.
  const advised = await call('POST', '/api/v1/kinds/acceptance/processes/cal-loket/events', {
    token: token('tbo'),
    body: adviceEvent,
  });
  expect(advised.status).toBe(200);
});

afterAll(async () => {
  await stack.stop();
});

test('every deadline of every running process, with stable UIDs, dates and reminders as alarms', async () => {
  const { response, text } = await feed('', { authorization: `Bearer ${token('tbo')}` });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const events = eventsOf(text);
  expect(uids(events)).toEqual([
    'acceptance:cal-loket/agreement@dso-lv',
    'acceptance:cal-loket/phase1@dso-lv',
    'acceptance:cal-loket/phase2@dso-lv',
    'escalation:cal-geschil/principalAgent@dso-lv',
  ]);

  // Due 1 July 2027 00:00 in Amsterdam: 30 June is the last day, shown as a whole day.
  const phase1 = events.find((event) => event.uid === 'acceptance:cal-loket/phase1@dso-lv');
  expect(phase1?.start).toEqual({ value: '2027-06-30', isDate: true });
  expect(phase1?.summary).toBe(
    'Einde fase 1 (voorlopige acceptatie) – Acceptatie van een voorziening cal-loket',
  );
  expect(phase1?.alarms).toEqual([
    '2027-05-31T22:00:00.000Z',
    '2027-06-23T22:00:00.000Z',
    '2027-06-29T22:00:00.000Z',
  ]);
  expect(phase1?.description).toContain(
    'Vervalt: donderdag 1 juli 2027 om 00:00 (Amsterdamse tijd)',
  );
  expect(phase1?.description).toContain(
    '\n- OGB Beheer: Beoordelingscriteria vaststellen (OGB Beheer)\n',
  );
  // The dashboard's page of the run, not the JSON API.
  expect(phase1?.url).toBe(`${stack.baseUrl}/#/process/acceptance%3Acal-loket`);
  expect(phase1?.description).toContain(`${stack.baseUrl}/#/process/acceptance%3Acal-loket`);

  // The escalation's rung runs 60 days from its start, to the minute: a timed event.
  const rung = events.find((event) => event.uid.startsWith('escalation:cal-geschil/'));
  expect(rung?.start.isDate).toBe(false);
  const view = await call<{ deadlines: { id: string; due: string }[] }>(
    'GET',
    '/api/v1/processes/escalation:cal-geschil',
    { token: token('sbo') },
  );
  const due = view.body.deadlines.find((d) => d.id === 'principalAgent')?.due ?? '';
  const timed = eventsOf(text).find((event) => event.uid === rung?.uid);
  // iCalendar times are to the second.
  const dueToSecond = new Date(Math.floor(Date.parse(due) / 1000) * 1000);
  expect(timed?.start.value).toBe(dueToSecond.toISOString().replace('.000', ''));
  expect(rung?.alarms).toHaveLength(3);

  // Fetched again, the same UIDs: a subscribed client updates its events.
  expect(uids(eventsOf((await feed(`?token=${token('tbo')}`)).text))).toEqual(uids(events));
});

test('?party= and ?role= keep the processes where that government or role must act now', async () => {
  const forVng = eventsOf((await feed(`?party=vng&token=${token('ogb-vng')}`)).text);
  // Any member of the OGB Beheer fixes the criteria; the escalation is between SBO and TBO.
  expect(uids(forVng)).toEqual([
    'acceptance:cal-loket/agreement@dso-lv',
    'acceptance:cal-loket/phase1@dso-lv',
    'acceptance:cal-loket/phase2@dso-lv',
  ]);
  const forRijk = eventsOf((await feed(`?party=rijk&token=${token('sbo')}`)).text);
  expect(uids(forRijk)).toContain('escalation:cal-geschil/principalAgent@dso-lv');
  const forDeveloper = eventsOf((await feed(`?role=developer&token=${token('tbo')}`)).text);
  expect(forDeveloper).toEqual([]);
});

test('a bad query answers 400 JSON naming the field; no token answers 401', async () => {
  const bad = await feed(`?party=gemeente&token=${token('tbo')}`);
  expect(bad.response.status).toBe(400);
  expect(JSON.parse(bad.text)).toMatchObject({
    code: 'invalid_query',
    errors: [expect.objectContaining({ name: 'party', in: 'query' })],
  });
  const unknown = await feed(`?colour=red&token=${token('tbo')}`);
  expect(unknown.response.status).toBe(400);
  const anonymous = await feed('?party=rijk');
  expect(anonymous.response.status).toBe(401);
  expect(JSON.parse(anonymous.text)).toMatchObject({ code: 'unauthenticated' });
  const wrong = await feed('?token=not-a-token');
  expect(wrong.response.status).toBe(401);
});

// "Deze fase loopt tot 1 juli 2019" — and when the SBO moves it, every subscriber's calendar must
// move too: RFC 5545 clients take a changed event only when its SEQUENCE rose.
test('each suspension, resumption and extension raises the SEQUENCE; a whole day stays one', async () => {
  const phase1Of = async () => {
    const events = eventsOf((await feed(`?token=${token('tbo')}`)).text);
    const event = events.find((e) => e.uid === 'acceptance:cal-loket/phase1@dso-lv');
    if (!event) throw new Error('no phase 1 event');
    return event;
  };
  const adjust = (action: string, body: Record<string, unknown>) =>
    call('POST', `/api/v1/kinds/acceptance/processes/cal-loket/deadlines/phase1/${action}`, {
      token: token('sbo'),
      body: { reason: 'Wacht op de wetgeving', ...body },
    });
  const before = await phase1Of();
  expect(before.sequence).toBe(0);
  expect((await adjust('extend', { days: 10 })).status).toBe(200);
  const extended = await phase1Of();
  expect(extended).toMatchObject({ sequence: 1, start: { value: '2027-07-10', isDate: true } });
  expect((await adjust('suspend', {})).status).toBe(200);
  expect((await phase1Of()).sequence).toBe(2);
  expect((await adjust('resume', {})).status).toBe(200);
  // Suspended for a moment: a day later, still a whole day (see docs/DECISIONS.md).
  expect(await phase1Of()).toMatchObject({
    sequence: 3,
    start: { value: '2027-07-11', isDate: true },
  });
});
