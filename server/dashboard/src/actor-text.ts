/**
 * Who did something, as an operator reads it, in the words of the header's "Aangemeld als"
 * (server/me-route.ts): an organisation by its Dutch name with the credential's id beside it, the
 * host itself as "Het proces zelf", a parent process by its title.
 */
import type { Actor } from '../../../machines/actors';
import type { KindInfo, WhoLabels } from './api';

export function actorText(actor: Actor, kinds: readonly KindInfo[], who: WhoLabels): string {
  if (actor.role === 'system') {
    // A parent process starts and signals its children under its own workflow id, <kind>:<key>.
    const separator = actor.id.indexOf(':');
    const title = kinds.find((k) => k.kind === actor.id.slice(0, separator))?.title;
    if (separator > 0 && title) return `${title} (${actor.id.slice(separator + 1)})`;
    return actor.id === 'temporal' ? 'Het proces zelf' : actor.id;
  }
  const role = who.roles[actor.role] ?? actor.role;
  const narrowedTo = actor.party
    ? (who.parties[actor.party] ?? actor.party)
    : actor.organisation
      ? (who.organisations[actor.organisation] ?? actor.organisation)
      : undefined;
  return `${role}${narrowedTo ? ` – ${narrowedTo}` : ''} (${actor.id})`;
}
