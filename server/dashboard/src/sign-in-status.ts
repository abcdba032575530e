/** The header's "signed in as": the actor's Dutch label, from GET /api/v1/me. */
import { h } from './dom';
import { currentActor } from './session';

/**
 * Which call may still write: only the newest. An answer that comes late (a slow `GET /me` from
 * before a sign-out in another tab) must not put the name back once the header was cleared.
 */
let latest = 0;

export async function showSignedInActor(slot: Element | null, signedIn: boolean): Promise<void> {
  const call = ++latest;
  if (!slot) return;
  if (!signedIn) {
    slot.replaceChildren();
    return;
  }
  try {
    const me = await currentActor();
    if (call !== latest) return;
    slot.replaceChildren(
      h(
        'span',
        {},
        'Aangemeld als ',
        h('strong', {}, me.label),
        me.actor === me.role ? null : ` (${me.actor})`,
      ),
    );
  } catch {
    // The page itself says why the credential was refused; the header stays empty.
    if (call === latest) slot.replaceChildren();
  }
}
