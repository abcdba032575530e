/** A JSON Schema field → a form control: text, select, date picker, euro amount, number, checkbox. */
import { h } from '../dom';
import { grouped, labelled, type Field, type Reading } from './field';
import { listField } from './list-field';
import { centsOf, eurosOf } from './money';
import { isSchema, textOf, type Schema } from './schema';

/** Values an enum (or a oneOf/anyOf of consts) allows, with their Dutch names (x-enum-labels). */
function choicesOf(schema: Schema): { value: unknown; label: string }[] | undefined {
  const labels = isSchema(schema['x-enum-labels']) ? schema['x-enum-labels'] : {};
  const consts = Array.isArray(schema.anyOf)
    ? schema.anyOf.filter(isSchema).map((member) => member.const)
    : undefined;
  const values: unknown[] | undefined = Array.isArray(schema.enum)
    ? (schema.enum as unknown[])
    : consts?.every((value) => value !== undefined)
      ? consts
      : undefined;
  return values?.map((value: unknown) => ({
    value,
    label: textOf(labels[String(value)]) ?? String(value),
  }));
}

/** A date: `format: date`, or a date-or-instant (`anyOf` with a date member). */
const isDate = (schema: Schema): boolean =>
  schema.format === 'date' ||
  (Array.isArray(schema.anyOf) && schema.anyOf.some((m) => isSchema(m) && m.format === 'date'));

const record = (path: string, reading: Reading, field: Field): void => {
  reading.fields.set(path, field);
};

function selectField(
  schema: Schema,
  name: string,
  required: boolean,
  choices: { value: unknown; label: string }[],
): Field {
  const select = h(
    'select',
    {},
    h('option', { value: '' }, '— kies —'),
    choices.map((choice, index) => h('option', { value: String(index) }, choice.label)),
  );
  const preset = choices.findIndex((choice) => choice.value === schema.default);
  if (preset >= 0) select.value = String(preset);
  else if (choices.length === 1) select.value = '0';
  const field: Field = labelled(select, schema, name, required, (path, reading) => {
    record(path, reading, field);
    return select.value === '' ? undefined : choices[Number(select.value)]?.value;
  });
  return field;
}

function moneyField(schema: Schema, name: string, required: boolean): Field {
  const input = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  if (typeof schema.default === 'number') input.value = eurosOf(schema.default);
  const field: Field = labelled(
    input,
    schema,
    name,
    required,
    (path, reading) => {
      record(path, reading, field);
      const cents = centsOf(input.value);
      if (Number.isNaN(cents))
        reading.problems.set(path, 'Vul een bedrag in euro in, bijv. 1.250,00.');
      return Number.isNaN(cents) ? undefined : cents;
    },
    h('span', { class: 'unit', 'aria-hidden': 'true' }, '€'),
  );
  return field;
}

function numberField(schema: Schema, name: string, required: boolean): Field {
  const input = h('input', { type: 'number', step: schema.type === 'integer' ? '1' : 'any' });
  if (typeof schema.minimum === 'number') input.min = String(schema.minimum);
  if (typeof schema.maximum === 'number') input.max = String(schema.maximum);
  if (typeof schema.default === 'number') input.value = String(schema.default);
  const field: Field = labelled(input, schema, name, required, (path, reading) => {
    record(path, reading, field);
    if (input.value.trim() === '') return undefined;
    const value = Number(input.value);
    if (Number.isNaN(value)) reading.problems.set(path, 'Vul een getal in.');
    return value;
  });
  return field;
}

function checkboxField(schema: Schema, name: string, required: boolean): Field {
  const input = h('input', { type: 'checkbox' });
  input.checked = schema.default === true;
  const field: Field = labelled(input, schema, name, required, (path, reading) => {
    record(path, reading, field);
    return input.checked;
  });
  field.element.classList.add('field-checkbox');
  return field;
}

function textField(schema: Schema, name: string, required: boolean): Field {
  const date = isDate(schema);
  const long = typeof schema.maxLength === 'number' && schema.maxLength > 300;
  const control = date
    ? h('input', { type: 'date' })
    : long
      ? h('textarea', { rows: '3' })
      : h('input', { type: 'text' });
  if (typeof schema.default === 'string') control.value = schema.default;
  const field: Field = labelled(control, schema, name, required, (path, reading) => {
    record(path, reading, field);
    return control.value.trim() === '' ? undefined : control.value;
  });
  return field;
}

function objectField(schema: Schema, name: string, required: boolean): Field {
  const children = fieldsOf(schema);
  const field: Field = grouped(
    textOf(schema.title) ?? name,
    required,
    children.map(([, child]) => child.element),
    (path, reading) => {
      record(path, reading, field);
      const value = readFields(children, path, reading);
      return Object.keys(value).length === 0 && !required ? undefined : value;
    },
    () => children[0]?.[1].focus(),
  );
  return field;
}

/** One field of a schema; `restrict` narrows it to the values the current state accepts. */
export function fieldOf(
  schema: Schema,
  name: string,
  required: boolean,
  restrict?: unknown[],
): Field {
  const choices = choicesOf(schema);
  if (restrict && restrict.length > 0) {
    const labels = new Map(choices?.map((choice) => [choice.value, choice.label]));
    const narrowed = restrict.map((value) => ({
      value,
      label: labels.get(value) ?? String(value),
    }));
    return selectField(schema, name, required, narrowed);
  }
  if (choices) return selectField(schema, name, required, choices);
  if (schema.type === 'boolean') return checkboxField(schema, name, required);
  if (schema.type === 'integer' && /Cents$/.test(name)) return moneyField(schema, name, required);
  if (schema.type === 'integer' || schema.type === 'number')
    return numberField(schema, name, required);
  if (schema.type === 'object' && isSchema(schema.properties))
    return objectField(schema, name, required);
  if (schema.type === 'array') return listField(schema, name, required, fieldOf);
  return textField(schema, name, required);
}

/** The fields of an object schema, its `type` left out (the form sets it). */
export function fieldsOf(
  schema: Schema,
  restrict: Record<string, unknown[]> = {},
): [string, Field][] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  // An object's own default (a list row's value, say) presets its fields.
  const defaults = isSchema(schema.default) ? schema.default : {};
  return Object.entries(properties)
    .filter(([name, property]) => name !== 'type' && isSchema(property))
    .map(([name, property]) => {
      const preset = defaults[name];
      const field =
        preset === undefined ? (property as Schema) : { ...(property as Schema), default: preset };
      return [name, fieldOf(field, name, required.includes(name), restrict[name])];
    });
}

export function readFields(
  fields: [string, Field][],
  prefix: string,
  reading: Reading,
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, field] of fields) {
    const read = field.read(prefix ? `${prefix}.${name}` : name, reading);
    if (read !== undefined) value[name] = read;
  }
  return value;
}
