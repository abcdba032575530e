/**
 * The forms of the events the signed-in actor may send now, one per allowed event, each made
 * from that event's schema. A refresh adds and removes forms; it leaves the others alone.
 */
import type { AllowedEvent, ProcessView } from '../../../../workflows/contract';
import { api } from '../api';
import { h } from '../dom';
import { mayAct, signedInActor } from './actor';
import { keyedList } from './keyed-list';
import { takeNotice } from './notice';
import { eventSchema, type Schema } from './schema';
import { schemaForm } from './schema-form';

const roleNames: Record<string, string> = {
  minister: 'de minister van BZK',
  bo: 'het Bestuurlijk Overleg',
  ogb: 'het OGB Beheer',
  sbo: 'de SBO',
  tbo: 'de TBO',
  obo: 'een OBO',
  programme: 'het programma',
  developer: 'de ontwikkelpartij',
};
const partyNames: Record<string, string> = { rijk: 'Rijk', vng: 'VNG', ipo: 'IPO', uvw: 'UvW' };

const who = (allowed: AllowedEvent): string => {
  const narrowed = allowed.party ? partyNames[allowed.party] : allowed.organisation;
  const role = roleNames[allowed.role] ?? allowed.role;
  return narrowed ? `Door ${role} (${narrowed})` : `Door ${role}`;
};

/**
 * The fields whose values differ between the options the state accepts (which assessment, which
 * government): a select of just those. A value all options share is a suggestion, not a limit.
 */
function restrictionsOf(options: Record<string, unknown>[] | undefined): Record<string, unknown[]> {
  if (!options || options.length < 2) return {};
  const names = new Set(options.flatMap((option) => Object.keys(option)));
  const restrict: Record<string, unknown[]> = {};
  for (const name of names) {
    const values = options.map((option) => option[name]);
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) {
      restrict[name] = values;
    }
  }
  return restrict;
}

/**
 * A form's key: the event, who sends it, and the options the state accepts. When an option
 * goes (the assessment just judged), the form is made anew, so it never offers what the API
 * would refuse; other refreshes keep it, and what is typed in it.
 */
const keyOf = (allowed: AllowedEvent) =>
  [
    allowed.type,
    allowed.role,
    allowed.party ?? '',
    allowed.organisation ?? '',
    JSON.stringify(allowed.options ?? []),
  ].join('|');

export function eventForms(view: () => ProcessView, refresh: () => Promise<void>) {
  const list = h('div', { class: 'actions' });
  const empty = h('p', {}, 'Er is nu niets dat u kunt doen.');
  // The confirmation outlives a form that the action itself removes.
  const notice = h('p', { class: 'form-notice', role: 'status' }, takeNotice());
  const element = h('div', {}, notice, list, empty);
  const forms = keyedList(list);
  const schemas = new Map<string, Schema | undefined>();

  const formFor = (allowed: AllowedEvent): HTMLElement => {
    const published = schemas.get(allowed.type) ?? { type: 'object', properties: {} };
    // One option left (the last assessment to judge) cannot say which of its values are limits
    // and which suggestions: it is preset, not imposed, so the select does not open on another.
    const only = allowed.options?.length === 1 ? allowed.options[0] : undefined;
    const schema = only ? { ...published, default: only } : published;
    const form = schemaForm({
      heading: allowed.label,
      meta: who(allowed),
      schema,
      restrict: restrictionsOf(allowed.options),
      submitLabel: 'Versturen',
      send: (body) => api.send(view().id, { ...body, type: allowed.type }),
      success: `Verstuurd: ${allowed.label}.`,
      onDone: () => {
        notice.textContent = `Verstuurd: ${allowed.label}. De gegevens hieronder zijn bijgewerkt.`;
        void refresh();
      },
    });
    // The inbox's "one click to act" finds the form by its event (action-anchor.ts).
    form.dataset.event = allowed.type;
    return form;
  };

  return {
    element,
    async update(next: ProcessView): Promise<void> {
      const me = await signedInActor();
      const allowed = next.allowedEvents.filter((event) => mayAct(me, event));
      for (const event of allowed) {
        if (!schemas.has(event.type))
          schemas.set(event.type, await eventSchema(next.kind, event.type));
      }
      const byKey = new Map(allowed.map((event) => [keyOf(event), event]));
      forms.update([...byKey.keys()], (key) => {
        const event = byKey.get(key);
        return event ? formFor(event) : h('div');
      });
      empty.hidden = allowed.length > 0;
    },
  };
}
