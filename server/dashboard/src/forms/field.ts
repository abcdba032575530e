/** One control of a generated form: its label, hint, required marker and its error in place. */
import { h } from '../dom';
import { textOf, type Schema } from './schema';

/** What reading a form collects: each field under its dotted path, and errors found locally. */
export interface Reading {
  fields: Map<string, Field>;
  problems: Map<string, string>;
}

export interface Field {
  element: HTMLElement;
  /** The value to send, or undefined to leave it out (the API fills in its default). */
  read(path: string, reading: Reading): unknown;
  showError(message: string | undefined): void;
  focus(): void;
}

let counter = 0;
/** Ids unique on the page, so labels and messages point at their own control. */
export const nextId = (stem: string): string => `${stem}-${String(++counter)}`;

/** The title the API gives the field, or its name where it has none. */
export const titleOf = (schema: Schema, name: string): string => textOf(schema.title) ?? name;

export function requiredMark(required: boolean): HTMLElement | null {
  return required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null;
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Wraps a control: label (with the required marker), the schema's description as a hint, and a
 * message slot that `showError` fills; both are tied to the control by aria-describedby.
 */
export function labelled(
  control: Control,
  schema: Schema,
  name: string,
  required: boolean,
  read: Field['read'],
  extra?: HTMLElement,
): Field {
  const id = control.id || nextId(`field-${name}`);
  control.id = id;
  control.name = name;
  if (required) control.setAttribute('aria-required', 'true');
  const description = textOf(schema.description);
  const hint = description ? h('p', { class: 'field-hint', id: `${id}-hint` }, description) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hint ? hint.id : '', error.id].join(' ').trim());
  const element = h(
    'div',
    { class: 'field' },
    // The marker beside the label, not in it: the field's name stays its title (aria-required says it).
    h(
      'div',
      { class: 'field-label' },
      h('label', { for: id }, titleOf(schema, name)),
      requiredMark(required),
    ),
    hint,
    extra ? h('div', { class: 'field-control' }, extra, control) : control,
    error,
  );
  return {
    element,
    read,
    showError(message) {
      error.textContent = message ?? '';
      error.hidden = message === undefined;
      if (message === undefined) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', 'true');
    },
    focus: () => control.focus(),
  };
}

/** A group of fields (an object, a list) with its own message slot. */
export function grouped(
  legend: string,
  required: boolean,
  body: HTMLElement[],
  read: Field['read'],
  focusFirst: () => void,
): Field {
  const error = h('p', { class: 'field-error', hidden: true });
  const element = h(
    'fieldset',
    { class: 'field-group' },
    h('legend', {}, legend, requiredMark(required)),
    body,
    error,
  );
  return {
    element,
    read,
    showError(message) {
      error.textContent = message ?? '';
      error.hidden = message === undefined;
      if (message !== undefined) error.setAttribute('role', 'alert');
    },
    focus: focusFirst,
  };
}
