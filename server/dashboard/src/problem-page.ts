/** What a page says when the API refuses it or the run is gone, in the operator's words. */
import { ApiError } from './api';
import { h } from './dom';

/** Dutch for the refusals an operator meets by following a link or an old bookmark. */
function explanation(error: ApiError): string | undefined {
  if (error.code === 'not_readable') {
    return 'Uw rol mag processen van deze soort niet inzien. Het overzicht toont alleen wat u mag lezen.';
  }
  if (error.status === 404) return 'Dit proces bestaat niet (meer).';
  if (error.status === 403) return 'Dit is voor uw rol niet toegestaan.';
  return undefined;
}

export function problemPage(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) return h('p', { role: 'alert' }, String(error));
  const text = explanation(error);
  return h(
    'div',
    { role: 'alert' },
    h('p', {}, text ?? `${error.status} ${error.code}: ${error.message}`),
    // The API's own words stay visible for whoever reports the problem.
    text
      ? h('p', { class: 'form-message' }, `${error.status} ${error.code}: ${error.message}`)
      : '',
    h('p', {}, h('a', { href: '#/processen' }, 'Terug naar het overzicht')),
  );
}
