import type { Actor, Party } from '../../machines/actors';

export const ogbMember = (party: Party): Actor => ({ id: `ogb-${party}`, role: 'ogb', party });
export const boMember = (party: Party): Actor => ({ id: `bo-${party}`, role: 'bo', party });
/** The default chairs: a member of another government (VNG) in the OGB, the Minister in the BO. */
export const ogbChair = ogbMember('vng');
export const minister: Actor = { id: 'minister-bzk', role: 'minister', party: 'rijk' };
export const sbo: Actor = { id: 'sbo', role: 'sbo', party: 'rijk' };
