/**
 * Reminders delivered by a worker with the real activity: signed webhook and e-mail to a real SMTP
 * server started here, walked through 2019 on the time-skipping server.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../machines/actors';
import { verifySignature } from '../../activities/webhook-signature';
import { eventUpdate, viewQuery, type ReminderRecord } from '../../workflows/contract';
import { adviceEvent, fixCriteriaEvent } from '../helpers/acceptance-script';
import { actors } from '../helpers/actors';
import { ogbMember, sbo } from '../helpers/decision-actors';
import type { ReceivedMail } from '../helpers/smtp-receiver';
import { TEST_WEBHOOK_SECRET } from '../helpers/webhook-receiver';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const mailTo = {
  tbo: ['tbo@example.org'],
  programme: ['programma@example.org'],
  'ogb:rijk': ['rijk@example.org'],
  'ogb:vng': ['vng@example.org'],
  'ogb:ipo': ['ipo@example.org'],
  'ogb:uvw': ['uvw@example.org', 'secretariaat@uvw.example.org'],
};

const t = useTimeSkippingEnvironment('2019-01-15T08:00:00Z', 'reminder-delivery', { mailTo });

function send(
  handle: WorkflowHandle,
  event: { type: string } & Record<string, unknown>,
  actor: Actor,
) {
  return handle.executeUpdate(eventUpdate, { args: [{ event, actor }] });
}

function mails(processId: string, days: number): ReceivedMail[] {
  const inDays = `nog ${String(days)} ${days === 1 ? 'dag' : 'dagen'}`;
  return (t.smtp?.mails ?? []).filter(
    (mail) => mail.text.includes(`(${processId})`) && mail.subject.includes(inDays),
  );
}

function webhookCalls(businessKey: string, days: number) {
  return t.webhook.requests.filter((request) => {
    const body = JSON.parse(request.rawBody) as { businessKey: string; daysBefore: number };
    return body.businessKey === businessKey && body.daysBefore === days;
  });
}

async function reminders(handle: WorkflowHandle, index: number): Promise<ReminderRecord[]> {
  const view = await handle.query(viewQuery);
  return view.deadlines.flatMap((d) => d.reminders[index] ?? []);
}

test('a decision reminds by mail only the members who have not given their position yet', async () => {
  const handle = await t.env.client.workflow.start('decision', {
    taskQueue: t.taskQueue,
    workflowId: 'decision:mail-1',
    args: [
      {
        input: {
          decisionKey: 'mail-1',
          body: 'ogb',
          subject: 'Begroting 2020',
          proposal: 'Voorstel',
          meetingDate: '2019-03-14',
        },
        startedBy: sbo,
      },
    ],
  });
  await send(handle, { type: 'POSITION', position: 'agree' }, ogbMember('rijk'));

  await t.sleepUntil('2019-03-07T12:00:00Z');
  expect(mails('decision:mail-1', 7)).toHaveLength(0);
  await t.sleepUntil('2019-03-08T12:00:00Z');
  const [mail, ...more] = mails('decision:mail-1', 7);
  expect(more).toHaveLength(0);
  expect(mail?.envelopeFrom).toBe('herinneringen@dso-lv.example');
  expect([...(mail?.envelopeTo ?? [])].sort()).toEqual([
    'ipo@example.org',
    'secretariaat@uvw.example.org',
    'uvw@example.org',
    'vng@example.org',
  ]);
  expect(mail?.subject).toBe(
    '[DSO-LV] Herinnering: Besluit in de vergadering – ' +
      'Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg) mail-1 (nog 7 dagen)',
  );
  // Due at the end of the meeting day: 15 March 00:00 in Amsterdam, 23:00 UTC the day before.
  expect(mail?.text).toContain('Vervalt: vrijdag 15 maart 2019 om 00:00 (Amsterdamse tijd)');
  expect(mail?.text).toContain('Due: Friday, 15 March 2019 at 00:00 (Amsterdam time)');
  expect(mail?.text).toMatch(/OGB Beheer \(VNG \(gemeenten\)\): .*POSITION/);
  expect(mail?.text).not.toMatch(/OGB Beheer \(Rijk\)/);
  // The dashboard's page of the run, not the JSON API (test/browser/dashboard.test.ts opens it).
  expect(mail?.text).toContain('https://dso-lv.example/#/process/decision%3Amail-1');
  expect(mail?.text).not.toContain('/api/');
  expect(mail?.html).toContain('<a href="https://dso-lv.example/#/process/decision%3Amail-1">');
  // The reminder's identity: process, deadline, its due moment and the days before it.
  expect(mail?.messageId).toMatch(
    /^<reminder\.decision\.mail-1\.meeting\.\d{4}-\d\d-\d\dT[\d.]+Z\.7@dso-lv\.example>$/,
  );

  const [record] = await reminders(handle, 0);
  expect(record).toMatchObject({ daysBefore: 7, status: 'sent' });
  expect(record?.channels).toEqual([
    expect.objectContaining({ channel: 'webhook', status: 'delivered', httpStatus: 204 }),
    expect.objectContaining({
      channel: 'email',
      status: 'delivered',
      recipients: mail?.envelopeTo,
      messageId: mail?.messageId,
    }),
  ]);
});

describe('an acceptance run reminded 30, 7 and 1 days before 1 July 2019', () => {
  let handle: WorkflowHandle;

  test('30 days before: a mail per deadline to whoever must act, and a signed webhook', async () => {
    handle = await t.env.client.workflow.start('acceptance', {
      taskQueue: t.taskQueue,
      workflowId: 'acceptance:mail-loket',
      args: [{ input: { provision: 'mail-loket' }, startedBy: actors.programme }],
    });
    await send(handle, adviceEvent, actors.tbo);
    await send(handle, fixCriteriaEvent, actors.ogb);

    await t.sleepUntil('2019-05-31T12:00:00Z');
    expect(mails('acceptance:mail-loket', 30)).toHaveLength(0);
    await t.sleepUntil('2019-06-01T12:00:00Z');
    const sent = mails('acceptance:mail-loket', 30);
    expect(sent.map((mail) => mail.subject).sort()).toEqual([
      expect.stringMatching(/^\[DSO-LV\] Herinnering: .*mail-loket \(nog 30 dagen\)$/),
      expect.stringMatching(/^\[DSO-LV\] Herinnering: .*mail-loket \(nog 30 dagen\)$/),
    ]);
    for (const mail of sent) {
      // The programme has nothing to do now: it is not mailed.
      expect(mail.envelopeTo).toContain('tbo@example.org');
      expect(mail.envelopeTo).not.toContain('programma@example.org');
      expect(mail.text).toContain('Vervalt: maandag 1 juli 2019 om 00:00 (Amsterdamse tijd)');
    }

    const calls = webhookCalls('mail-loket', 30);
    expect(calls).toHaveLength(2);
    const now = Math.floor(Date.now() / 1000);
    for (const call of calls) {
      const header = call.headers['x-dso-signature'];
      expect(typeof header).toBe('string');
      expect(verifySignature(TEST_WEBHOOK_SECRET, call.rawBody, String(header), now)).toEqual({
        valid: true,
      });
      const tampered = call.rawBody.replace('"daysBefore":30', '"daysBefore":3');
      expect(verifySignature(TEST_WEBHOOK_SECRET, tampered, String(header), now)).toEqual({
        valid: false,
        reason: 'signature does not match',
      });
      expect(verifySignature('another-secret-123456', call.rawBody, String(header), now)).toEqual({
        valid: false,
        reason: 'signature does not match',
      });
      // A captured request replayed an hour later is refused by its old timestamp.
      expect(
        verifySignature(TEST_WEBHOOK_SECRET, call.rawBody, String(header), now + 3600),
      ).toEqual({ valid: false, reason: 'timestamp outside the tolerance' });
    }
  });

  test('7 days before: a mail server answering 421 is retried; each channel delivers once', async () => {
    t.smtp?.refuseNext(2);
    await t.sleepUntil('2019-06-24T12:00:00Z');
    expect(t.smtp?.refused).toBe(2);
    expect(mails('acceptance:mail-loket', 7)).toHaveLength(2);
    // The webhook had delivered on the first attempt and was not POSTed again on the retries.
    expect(webhookCalls('mail-loket', 7)).toHaveLength(2);
    for (const record of await reminders(handle, 1)) {
      expect(record).toMatchObject({ daysBefore: 7, status: 'sent' });
      expect(record.channels).toEqual([
        expect.objectContaining({ channel: 'webhook', status: 'delivered' }),
        expect.objectContaining({ channel: 'email', status: 'delivered' }),
      ]);
    }
  });

  test('1 day before: a permanent refusal is not retried and is recorded on the channel', async () => {
    t.smtp?.refuseNext(1, 550);
    await t.sleepUntil('2019-06-30T12:00:00Z');
    expect(t.smtp?.refused).toBe(3);
    expect(mails('acceptance:mail-loket', 1)).toHaveLength(1);
    expect(webhookCalls('mail-loket', 1)).toHaveLength(2);
    const records = await reminders(handle, 2);
    expect(records.map((r) => r.status)).toEqual(['sent', 'sent']);
    const emails = records.map((r) => r.channels?.find((c) => c.channel === 'email'));
    expect(emails.map((c) => c?.status).sort()).toEqual(['delivered', 'failed']);
    expect(emails.find((c) => c?.status === 'failed')?.error).toMatch(/550/);
  });
});
