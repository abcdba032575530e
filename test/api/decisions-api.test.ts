/** Consensus decisions and SBO decisions through the operator API, on the embedded dev server. */
import type { ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { kindProcessPath } from '../../server/process-paths';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('decisions-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
const position = (id: string, actorId: string, body: Record<string, unknown>) =>
  call<Answer>('POST', `${kindProcessPath(id)}/events`, {
    token: token(actorId),
    body: { type: 'POSITION', ...body },
  });

test('positions are taken by the member itself or its proxy holder; anyone else is refused with 403', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/decision/processes', {
    token: token('sbo'),
    body: {
      decisionKey: 'plan-uitbouw',
      body: 'bo',
      subject: 'Plan Uitbouw DSO-LV',
      proposal: 'Vaststellen Plan Uitbouw',
      meetingDate: '2030-03-01',
    },
  });
  expect(started.status).toBe(201);
  expect(started.body.context).toMatchObject({ chair: { role: 'minister', party: 'rijk' } });
  const id = 'decision:plan-uitbouw';

  const ogbInBo = await position(id, 'ogb-vng', { position: 'agree' });
  expect(ogbInBo.status).toBe(403);
  expect(ogbInBo.body).toMatchObject({
    code: 'forbidden',
    details: { reason: 'only members of the BO take positions' },
  });

  expect((await position(id, 'bo-vng', { position: 'agree' })).status).toBe(200);
  const twice = await position(id, 'bo-vng', { position: 'object' });
  expect(twice.status).toBe(409);

  const notHolder = await position(id, 'bo-ipo', { position: 'agree', onBehalfOf: 'uvw' });
  expect(notHolder.status).toBe(403);
  expect(notHolder.body.details?.reason).toBe('ipo holds no proxy of uvw');

  const proxy = await call<Answer>('POST', `${kindProcessPath(id)}/events`, {
    token: token('bo-uvw'),
    body: { type: 'AUTHORISE_PROXY', holder: 'ipo' },
  });
  expect(proxy.status).toBe(200);
  // The answer lists the caller's own events; what the proxy holder may do is in the view.
  const afterProxy = await call<ProcessView>('GET', `/api/v1/processes/${id}`, {
    token: token('bo-ipo'),
  });
  expect(afterProxy.body.allowedEvents).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'POSITION', role: 'bo', party: 'ipo' }),
    ]),
  );
  expect((await position(id, 'bo-ipo', { position: 'agree', onBehalfOf: 'uvw' })).status).toBe(200);

  const writtenByMember = await call<Answer>('POST', `${kindProcessPath(id)}/events`, {
    token: token('bo-ipo'),
    body: { type: 'WRITTEN_VOTE', party: 'rijk', position: 'agree' },
  });
  expect(writtenByMember.status).toBe(403);
  const written = await call<Answer>('POST', `${kindProcessPath(id)}/events`, {
    token: token('minister-bzk'),
    body: { type: 'WRITTEN_VOTE', party: 'rijk', position: 'agree' },
  });
  expect(written.status).toBe(200);
  expect((await position(id, 'bo-ipo', { position: 'agree' })).body.state).toEqual(['adopted']);
  const after = await call<Answer>('POST', `${kindProcessPath(id)}/events`, {
    token: token('minister-bzk'),
    body: { type: 'CLOSE_MEETING' },
  });
  expect(after.status).toBe(409);
  expect(after.body.code).toBe('process_completed');
});

test('the rules of seed §6.2 answer with their problem types: closing too early 409, past the month 400, a represented party 403', async () => {
  // "wordt de besluitvorming aangehouden tot het volgend OGB Beheer dat binnen één maand wordt
  // gehouden"
  const start = (decisionKey: string, meetingDate: string) =>
    call<Answer>('POST', '/api/v1/kinds/decision/processes', {
      token: token('sbo'),
      body: { decisionKey, body: 'ogb', subject: decisionKey, proposal: 'Voorstel', meetingDate },
    });
  const event = (id: string, actorId: string, body: Record<string, unknown>) =>
    call<Answer>('POST', `${kindProcessPath(id)}/events`, { token: token(actorId), body });

  expect((await start('te-vroeg', '2030-03-01')).status).toBe(201);
  const early = await event('decision:te-vroeg', 'ogb-vng', { type: 'CLOSE_MEETING' });
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    details: { reason: expect.stringContaining('the meeting of 2030-03-01 has not been held yet') },
  });

  const proxy = await event('decision:te-vroeg', 'ogb-uvw', {
    type: 'AUTHORISE_PROXY',
    holder: 'ipo',
  });
  expect(proxy.status).toBe(200);
  const written = await event('decision:te-vroeg', 'ogb-vng', {
    type: 'WRITTEN_VOTE',
    party: 'uvw',
    position: 'agree',
  });
  expect(written.status).toBe(403);
  expect(written.body).toMatchObject({
    type: 'urn:dso-lv:problem:wrong-party',
    details: { reason: expect.stringContaining('uvw gave its proxy to ipo, who speaks for uvw') },
  });
  const itself = await position('decision:te-vroeg', 'ogb-uvw', { position: 'agree' });
  expect(itself.status).toBe(403);
  expect(itself.body.type).toBe('urn:dso-lv:problem:wrong-party');

  // A meeting held yesterday, closed today with parties absent: postponed within the month.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  expect((await start('een-maand', yesterday)).status).toBe(201);
  expect((await position('decision:een-maand', 'ogb-rijk', { position: 'agree' })).status).toBe(
    200,
  );
  const closed = await event('decision:een-maand', 'ogb-vng', { type: 'CLOSE_MEETING' });
  expect(closed.body.state).toEqual(['postponed']);
  const extend = await call<Answer>(
    'POST',
    `${kindProcessPath('decision:een-maand')}/deadlines/secondMeeting/extend`,
    { token: token('sbo'), body: { reason: 'Zaal bezet', days: 45 } },
  );
  expect(extend.status).toBe(400);
  expect(extend.body).toMatchObject({
    type: 'urn:dso-lv:problem:limit-of-the-arrangement',
    details: { reason: expect.stringContaining('within one month of the first') },
  });
});

test('an SBO decision in the wrong category for its kind is refused with 400 naming the field', async () => {
  const wrong = await call<Answer>('POST', '/api/v1/kinds/sbo-decision/processes', {
    token: token('sbo'),
    body: {
      decisionKey: 'wissel-tbo',
      subject: 'Wisseling TBO',
      proposal: '…',
      decisionType: 'tbo-change',
      category: 4,
    },
  });
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors).toEqual([
    {
      name: 'category',
      in: 'body',
      code: 'custom',
      detail: 'a "tbo-change" decision is category 1 (seed §6.3)',
    },
  ]);
  const notSbo = await call<Answer>('POST', '/api/v1/kinds/sbo-decision/processes', {
    token: token('tbo'),
    body: { decisionKey: 'x', subject: 'x', proposal: 'x', decisionType: 'other', category: 4 },
  });
  expect(notSbo.status).toBe(403);
});

test('category 2 through the API: the other governments respond, the Rijk member may not', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/sbo-decision/processes', {
    token: token('sbo'),
    body: {
      decisionKey: 'wissel-obo',
      subject: 'Wisseling OBO Stelselcatalogus',
      proposal: '…',
      decisionType: 'obo-change',
      category: 2,
      responseDue: '2030-05-01',
    },
  });
  expect(started.status).toBe(201);
  const respond = (actorId: string, position: string) =>
    call<Answer>('POST', '/api/v1/kinds/sbo-decision/processes/wissel-obo/events', {
      token: token(actorId),
      body: { type: 'RESPOND', position },
    });
  expect((await respond('ogb-rijk', 'support')).status).toBe(403);
  expect((await respond('ogb-vng', 'support')).status).toBe(200);
  expect((await respond('ogb-ipo', 'object')).status).toBe(200);
  const last = await respond('ogb-uvw', 'support');
  expect(last.body.state).toEqual(['deciding']);
  const decided = await call<Answer>(
    'POST',
    '/api/v1/kinds/sbo-decision/processes/wissel-obo/events',
    {
      token: token('sbo'),
      body: { type: 'DECIDE', decision: 'adopt', note: 'Bezwaar IPO gewogen' },
    },
  );
  expect(decided.body.status).toBe('completed');
  // The event's answer is the small result; the output is in the view.
  const view = await call<ProcessView>('GET', '/api/v1/processes/sbo-decision:wissel-obo', {
    token: token('sbo'),
  });
  expect(view.body.output).toMatchObject({
    responses: expect.arrayContaining([
      expect.objectContaining({ party: 'ipo', position: 'object' }),
    ]),
  });
});
