/**
 * A form generated from a body's JSON Schema: Dutch labels, required markers, the API's field
 * errors shown at their fields, a Dutch confirmation. The form never re-renders itself on a
 * refresh of its page, so what an operator types stays until it is sent.
 */
import { ApiError } from '../api';
import { h } from '../dom';
import { fieldsOf, readFields } from './controls';
import { nextId, type Field, type Reading } from './field';
import { dutchFieldMessage, dutchRefusal } from './field-errors';
import type { Schema } from './schema';

export interface SchemaFormOptions {
  heading: string;
  /** Under the heading: who sends it, say. */
  meta?: string;
  schema: Schema;
  /** Fields limited to the values the current state accepts (from the view's options). */
  restrict?: Record<string, unknown[]>;
  submitLabel: string;
  /** Sends the body; its answer is not read (the page re-reads what changed). */
  send(body: Record<string, unknown>): Promise<unknown>;
  /** Said after a success, in Dutch. */
  success: string;
  onDone(answer: unknown): void;
  headingLevel?: 'h3' | 'h4';
}

/** The field an error names, or the nearest enclosing one ("criteria.readyForUse" → "criteria"). */
function fieldFor(fields: Map<string, Field>, name: string): Field | undefined {
  for (let path = name; path !== ''; path = path.slice(0, Math.max(0, path.lastIndexOf('.')))) {
    const field = fields.get(path);
    if (field) return field;
  }
  return undefined;
}

export function schemaForm(options: SchemaFormOptions): HTMLFormElement {
  const headingId = nextId('form-heading');
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const body = h('div', { class: 'form-fields' });
  let fields: [string, Field][] = [];
  const build = () => {
    fields = fieldsOf(options.schema, options.restrict);
    body.replaceChildren(...fields.map(([, field]) => field.element));
  };
  build();
  const hasRequired = fields.some(([, field]) => field.element.querySelector('.required'));
  const submit = h('button', { type: 'submit', id: nextId('submit') }, options.submitLabel);
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': headingId, novalidate: true },
    h(options.headingLevel ?? 'h3', { id: headingId }, options.heading),
    options.meta ? h('p', { class: 'action-meta' }, options.meta) : null,
    hasRequired ? h('p', { class: 'field-hint' }, 'Velden met * zijn verplicht.') : null,
    body,
    h('div', { class: 'form-actions' }, submit),
    message,
  );
  let reading: Reading = { fields: new Map(), problems: new Map() };

  const say = (text: string, kind: 'alert' | 'status') => {
    message.replaceChildren(h('p', { role: kind, class: `form-${kind}` }, text));
  };
  const showErrors = (problems: { name: string; message: string }[]): void => {
    const unplaced: string[] = [];
    let first: Field | undefined;
    for (const problem of problems) {
      const field = fieldFor(reading.fields, problem.name);
      if (field) {
        field.showError(problem.message);
        first ??= field;
      } else unplaced.push(problem.message);
    }
    const count = problems.length === 1 ? 'Eén veld is' : `${String(problems.length)} velden zijn`;
    say(`${count} niet in orde. ${unplaced.join(' ')}`.trim(), 'alert');
    first?.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const field of reading.fields.values()) field.showError(undefined);
    reading = { fields: new Map(), problems: new Map() };
    const value = readFields(fields, '', reading);
    if (reading.problems.size > 0) {
      showErrors([...reading.problems].map(([name, text]) => ({ name, message: text })));
      return;
    }
    submit.disabled = true;
    say('Bezig met versturen…', 'status');
    options
      .send(value)
      .then((answer) => {
        build();
        reading = { fields: new Map(), problems: new Map() };
        say(options.success, 'status');
        options.onDone(answer);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.errors.length > 0) {
          showErrors(error.errors.map((e) => ({ name: e.name, message: dutchFieldMessage(e) })));
        } else say(dutchRefusal(error), 'alert');
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
