/**
 * "One click to act": a link from the inbox names the event (`#/process/{id}?actie=VERDICT`); the
 * case page then brings that event's form into view and puts the focus in it.
 */
export function actionLink(processId: string, eventType: string): string {
  return `#/process/${encodeURIComponent(processId)}?actie=${encodeURIComponent(eventType)}`;
}

/** The event a link asked for, from the page's hash. */
function requestedEvent(): string | null {
  const query = location.hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get('actie');
}

/**
 * The form of the requested event: marked with data-event, or labelled by a heading whose id
 * starts with `action-{TYPE}-`; the actions section when that event cannot be taken (any more).
 */
export function showRequestedAction(root: HTMLElement): void {
  const type = requestedEvent();
  if (type === null) return;
  const escaped = CSS.escape(type);
  const form =
    root.querySelector<HTMLElement>(`[data-event="${escaped}"]`) ??
    root.querySelector<HTMLElement>(`form[aria-labelledby^="action-${escaped}-"]`);
  const target = form ?? root.querySelector<HTMLElement>('#actions-heading');
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  const field = form?.querySelector<HTMLElement>('input, select, textarea, button');
  if (!field) target.setAttribute('tabindex', '-1');
  (field ?? target).focus({ preventScroll: true });
}
