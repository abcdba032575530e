/**
 * Suspending, resuming and extending a run's deadlines, as forms made from the deadline route's
 * schema (reason; for an extension a new date or a number of days). Offered to the roles the
 * kind names (x-deadline-roles); the API refuses whom the deadline binds, said at the form.
 */
import type { DeadlineRecord, ProcessView } from '../../../../workflows/contract';
import { api } from '../api';
import { dueText } from '../../../../machines/due-date-display';
import { h } from '../dom';
import { hasRole, signedInActor } from './actor';
import { keyedList } from './keyed-list';
import { deadlineRoles, deadlineSchema, isSchema, type Schema } from './schema';
import { schemaForm } from './schema-form';

type Action = 'suspend' | 'resume' | 'extend';

const actions: Record<Action, { label: string; done: string; fields: string[] }> = {
  suspend: { label: 'Termijn opschorten', done: 'opgeschort', fields: ['reason'] },
  resume: { label: 'Termijn hervatten', done: 'hervat', fields: ['reason'] },
  extend: {
    label: 'Termijn verlengen',
    done: 'verlengd',
    fields: ['until', 'days', 'unit', 'reason'],
  },
};

/** What may be done with a deadline in its status; the API decides in the end. */
const actionsFor = (deadline: DeadlineRecord): Action[] =>
  deadline.status === 'running' || deadline.status === 'overdue'
    ? ['extend', 'suspend']
    : deadline.status === 'suspended'
      ? ['resume']
      : [];

/** The schema with only the fields this action takes, in this order. */
function narrowed(schema: Schema, fields: string[]): Schema {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  return {
    ...schema,
    properties: Object.fromEntries(
      fields.flatMap((name) => (name in properties ? [[name, properties[name]]] : [])),
    ),
  };
}

export function deadlineForms(view: () => ProcessView, refresh: () => Promise<void>) {
  const notice = h('p', { class: 'form-notice', role: 'status' });
  const list = h('div', { class: 'actions' });
  const element = h('div', {}, notice, list);
  const forms = keyedList(list);
  let schema: Schema | undefined;

  const formFor = (deadline: DeadlineRecord, action: Action): HTMLElement => {
    const { label, done, fields } = actions[action];
    return schemaForm({
      heading: `${label}: ${deadline.label}`,
      // The one date rule (README): the table above says the same words.
      meta: deadline.due ? `Nu ${dueText(deadline.due, { moment: deadline.moment })}` : '',
      schema: narrowed(schema ?? {}, fields),
      submitLabel: label,
      send: (body) => api.changeDeadline(view().id, deadline.id, action, body),
      success: `Termijn ${done}: ${deadline.label}.`,
      onDone: () => {
        notice.textContent = `Termijn ${done}: ${deadline.label}. De termijnen hieronder zijn bijgewerkt.`;
        void refresh();
      },
    });
  };

  return {
    element,
    async update(next: ProcessView): Promise<void> {
      const [me, roles] = await Promise.all([signedInActor(), deadlineRoles(next.kind)]);
      schema ??= await deadlineSchema(next.kind);
      const offered = hasRole(me, roles) && next.status === 'running' && schema !== undefined;
      const entries = offered
        ? next.deadlines.flatMap((deadline) =>
            actionsFor(deadline).map((action) => ({
              key: `${deadline.id}|${action}|${deadline.due ?? ''}`,
              deadline,
              action,
            })),
          )
        : [];
      const byKey = new Map(entries.map((entry) => [entry.key, entry]));
      forms.update([...byKey.keys()], (key) => {
        const entry = byKey.get(key);
        return entry ? formFor(entry.deadline, entry.action) : h('div');
      });
      element.hidden = entries.length === 0 && notice.textContent === '';
    },
  };
}
