/**
 * A summary within its budget stays within the server's limit once the payload codec has sealed
 * it, for the longest key id the key file allows: else a timer or activity command is refused and
 * the run's workflow task fails again and again.
 */
import { defaultPayloadConverter, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec } from '../../server/payload-codec';
import {
  clampSummary,
  SUMMARY_LIMIT_BYTES,
  SUMMARY_MAX_BYTES,
  summaryBudget,
} from '../../workflows/host/temporal-details';

const codec = new EncryptionCodec([{ id: 'k'.repeat(64), key: randomBytes(32) }]);

async function sealedSize(summary: string, context: SerializationContext): Promise<number> {
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(summary)], context);
  return sealed ? temporal.api.common.v1.Payload.encode(sealed).finish().length : Infinity;
}

// Dutch text with its two-byte letters, and a quote the JSON escapes.
const filler = (bytes: number) => clampSummary(`Overeenkomst "één" ${'ë'.repeat(bytes)}`, bytes);

test.each([
  ['a short id', 'default', 'decision:begroting-2020'],
  ['a long namespace', 'dso-lv-productie.a1b2c', 'acceptance-programme:dso-lv'],
  ['an id near its longest', 'default', `decision:${'x'.repeat(80)}`],
])(
  'a run summary within budget stays under the limit once sealed (%s)',
  async (_, namespace, workflowId) => {
    const budget = summaryBudget({ namespace, workflowId });
    const summary = filler(budget);
    if (summary === undefined) return expect(budget).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(
      await sealedSize(summary, { type: 'workflow', namespace, workflowId }),
    ).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
  },
);

test('an activity summary is not bound to a run and may take the whole budget', async () => {
  const summary = filler(summaryBudget()) ?? '';
  expect(Buffer.byteLength(JSON.stringify(summary))).toBeGreaterThan(SUMMARY_MAX_BYTES - 4);
  const context: SerializationContext = {
    type: 'activity',
    namespace: 'dso-lv-productie.a1b2c',
    workflowId: `decision:${'x'.repeat(100)}`,
    activityId: '1',
    isLocal: false,
  };
  expect(await sealedSize(summary, context)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
});

test('a run id too long for a useful summary gets none rather than one the server refuses', () => {
  expect(
    summaryBudget({ namespace: 'default', workflowId: `decision:${'x'.repeat(110)}` }),
  ).toBeLessThan(24);
  expect(clampSummary('Besluit bij consensus (x)', 10)).toBeUndefined();
});
