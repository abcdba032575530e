/** The header's "signed in as": the actor's Dutch label, from GET /api/v1/me. */
import { h } from './dom';
import { currentActor } from './session';

export async function showSignedInActor(slot: Element | null, signedIn: boolean): Promise<void> {
  if (!slot) return;
  if (!signedIn) {
    slot.replaceChildren();
    return;
  }
  try {
    const me = await currentActor();
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
    slot.replaceChildren();
  }
}
