/** The dated obligation: with and without a recipient, owned per government, a moment, older rules. */
import type { AnyMachineSnapshot } from 'xstate';
import { WAIVE_WHEN_LAPSED_RULE, type ObligationContext } from '../../../machines/obligation/types';
import { actor, oneOfEachRole } from './actors';
import type { KindModel } from './types';

const base = {
  obligationKey: 'beheerprotocol',
  title: 'Beheerprotocol',
  source: 'Beheerarrangement §6.4',
  due: '2019-06-01',
};
const at = '2019-02-01T09:00:00.000Z';

export const obligationModel: KindModel = {
  starts: [
    {
      name: 'with recipient',
      at,
      input: { ...base, owner: { role: 'tbo' }, recipient: { role: 'sbo' } },
    },
    { name: 'owner decides', at, input: { ...base, owner: { role: 'ogb', party: 'vng' } } },
    { name: 'moment', at, input: { ...base, owner: { role: 'sbo' }, moment: true } },
    {
      name: 'before the waiver rule',
      at,
      olderRules: [WAIVE_WHEN_LAPSED_RULE],
      input: { ...base, owner: { role: 'tbo' }, recipient: { role: 'sbo' } },
    },
  ],
  actors: [...oneOfEachRole, actor('ogb', 'vng'), actor('ogb', 'ipo')],
  strings: { reference: ['Beheerprotocol 1.0'], reason: ['Niet meer nodig'] },
  // Guards read only whether the due moment passed; the start fixes the rest.
  relevant: (snapshot: AnyMachineSnapshot) =>
    (snapshot.context as ObligationContext).overdueSince !== null,
};
