/** A list in a form (findings, organisations, meetings): rows to add and remove, or a fixed tuple. */
import { h } from '../dom';
import { grouped, type Field } from './field';
import { isSchema, textOf, type Schema } from './schema';

type FieldOf = (schema: Schema, name: string, required: boolean) => Field;

export function listField(
  schema: Schema,
  name: string,
  required: boolean,
  fieldOf: FieldOf,
): Field {
  const title = textOf(schema.title) ?? name;
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems.filter(isSchema) : undefined;
  const item = isSchema(schema.items) ? schema.items : { type: 'string' };
  const rows: Field[] = [];
  const list = h('ol', { class: 'field-rows' });

  const rowLabel = (index: number) => `${title} ${String(index + 1)}`;
  const addRow = (value?: unknown, focus = false) => {
    const itemSchema = tuple?.[rows.length] ?? { ...item, title: rowLabel(rows.length) };
    const withDefault = value === undefined ? itemSchema : { ...itemSchema, default: value };
    const row = fieldOf(withDefault, `${name}-${String(rows.length + 1)}`, true);
    rows.push(row);
    const remove = tuple
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              const index = rows.indexOf(row);
              rows.splice(index, 1);
              entry.remove();
              (rows[Math.min(index, rows.length - 1)] ?? { focus: () => add.focus() }).focus();
            },
          },
          `Verwijder ${rowLabel(rows.length - 1).toLowerCase()}`,
        );
    const entry = h('li', {}, row.element, remove);
    list.append(entry);
    if (focus) row.focus();
  };
  const add = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => addRow(undefined, true) },
    `${title}: regel toevoegen`,
  );

  if (tuple) tuple.forEach(() => addRow());
  else if (Array.isArray(schema.default)) schema.default.forEach((value: unknown) => addRow(value));
  const field: Field = grouped(
    title,
    required,
    [
      textOf(schema.description)
        ? h('p', { class: 'field-hint' }, textOf(schema.description) ?? '')
        : h('span'),
      list,
      tuple ? h('span') : add,
    ],
    (path, reading) => {
      reading.fields.set(path, field);
      const values = rows.map((row, index) => row.read(`${path}.${String(index)}`, reading));
      const present = values.filter((value) => value !== undefined);
      return present.length === 0 && !required ? undefined : present;
    },
    () => (rows[0] ?? add).focus(),
  );
  return field;
}
