/** Replays recorded histories against today's workflow code: any non-determinism fails here. */
import { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec } from '../../server/payload-codec';
import { historyFixtures } from '../helpers/history-fixtures';
import { workflowBundle } from '../helpers/workflow-environment';

const fixtures = historyFixtures();

test('there are recorded histories to replay', () => {
  expect(fixtures.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'acceptance-timely',
      'acceptance-overdue',
      // Recorded after the agreement deadline and phase 2 were added; the two above before.
      'acceptance-timely-2',
      'acceptance-overdue-2',
      'acceptance-programme-2019',
      'acceptance-linked-stelselcatalogus',
      'pc-cycle-2020',
      // Recorded after actors were bound to their organisation (patched); the one above before.
      'pc-cycle-organisations',
      // Recorded under rule revision 'pc-cycle-autumn-meeting-2026-12' (plans decided in the
      // cycle's autumn); the two above before it, and they replay on the old rules.
      'pc-cycle-autumn-meeting',
      'decision-postponed',
      'decision-child',
      // Recorded on the decision rules of issue 14 (patched 'decision-rules-2026-12'): the first
      // meeting's positions carry over; the two above on the rules before.
      'decision-carried-over',
      'sbo-decision-consensus',
      // Recorded before the OGB Beheer decided its preparation by consensus (rule revision
      // 'reselection-consensus-preparation-2026-12'): one member's RULES_FIXED fixed the rules.
      'reselection-plain',
      'reselection-consensus',
      'escalation-to-court',
      'obligation-late',
      // Recorded before the bounds on deadline changes (at 3a05eee): the TBO suspends and resumes
      // phase 1, the SBO extends it by 11 months, the agreement stays suspended for a year.
      // The bounds would refuse the first three and resume the last by itself; the run keeps
      // its changes as made (patched 'deadline-change-rules').
      'acceptance-deadline-changes',
      // Recorded on the host's second design (workflows/host/): small update results, due items
      // first, every child linked, stable search attributes set at the start.
      'acceptance-timely-host2',
      'acceptance-overdue-host2',
      'acceptance-programme-host2',
      'acceptance-linked-host2',
      'pc-cycle-host2',
      // A report refused because its parent did not exist yet, sent again after a wait
      // (patched 'resend-undelivered-signals').
      'decision-report-resent',
      // An event Update in the start's own workflow task (update-with-start, dev server).
      'decision-update-with-start',
      // A programme run carried over by continue-as-new links its running children again
      // (patched 'relink-after-continue-as-new').
      'acceptance-programme-relinked',
    ]),
  );
});

test.each(fixtures)('$name replays deterministically', async ({ name, history }) => {
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, name);
});

// Recorded before the payload codec, so plain JSON. Replaying without a codec is sound for sealed
// histories too: decode(encode(p)) is p, the workflow sees the same values either way.
test('a plain history of an older run replays under the codec only with PAYLOAD_ACCEPT_PLAIN', async () => {
  const fixture = fixtures.find((f) => f.name === 'acceptance-timely-2');
  if (!fixture) throw new Error('fixture acceptance-timely-2 is missing');
  const keys = [{ id: 'replay', key: randomBytes(32) }];
  const bundle = await workflowBundle();
  const replay = (acceptPlain: boolean) =>
    Worker.runReplayHistory(
      {
        workflowBundle: bundle,
        dataConverter: { payloadCodecs: [new EncryptionCodec(keys, { acceptPlain })] },
      },
      fixture.history,
      fixture.name,
    );
  await replay(true);
  // Without it the start input is refused, and the run would go another way than it went.
  await expect(replay(false)).rejects.toThrow(/Nondeterminism/);
});
