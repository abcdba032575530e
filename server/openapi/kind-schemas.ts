/**
 * Per process kind, the start body and the event bodies, as JSON Schema components made from
 * each definition's own zod schemas (machines/registry.ts).
 */
import { z } from 'zod';
import { findDefinition, processKinds } from '../../machines/registry';
import { DEFAULT_DEADLINE_ROLES, type ProcessDefinition } from '../../machines/process-definition';
import type { JsonSchema } from './route-doc';
import { enumLabels, fieldTitles } from './field-titles';

/** A converted schema as a component: the keywords of a standalone document removed. */
export function asComponent(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

/** zod → JSON Schema as a request reads it (before transforms), dates marked as dates. */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  datesAsDates(asComponent(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })));

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Field names the NL API Design Rules read as dates (their linter's own pattern). */
const DATE_NAME = /^(date|datum)$|((\w+D)|(_[dD]))((ate)|(atum))/;

/**
 * /core/date-time/date-omit-time-portion: a calendar date is `format: date`. A field named as a
 * date that also takes an exact instant (a meeting date a parent process passes as the moment
 * it is held) is documented as the date operators send; the instant stays accepted.
 */
function datesAsDates(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown, name?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node === null || typeof node !== 'object') return node;
    const record = node as JsonSchema;
    if (name !== undefined && DATE_NAME.test(name) && Array.isArray(record.anyOf)) {
      return titled(name, {
        type: 'string',
        format: 'date',
        description:
          'A date as YYYY-MM-DD (00:00 Amsterdam time that day); an ISO-8601 instant with ' +
          'offset is accepted too, for the exact moment.',
      });
    }
    const copy: JsonSchema = {};
    for (const [key, value] of Object.entries(record)) {
      copy[key] =
        key === 'properties' && value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value as JsonSchema).map(([field, sub]) => [field, walk(sub, field)]),
            )
          : walk(value);
    }
    if (copy.type === 'string' && copy.pattern === DATE_PATTERN) copy.format = 'date';
    if (Array.isArray(copy.enum)) copy['x-enum-labels'] = labelsOf(copy.enum);
    if (Array.isArray(copy.anyOf) && copy.anyOf.every(isConst)) {
      copy['x-enum-labels'] = labelsOf(copy.anyOf.map((member) => (member as JsonSchema).const));
    }
    return name === undefined ? copy : titled(name, copy);
  };
  return walk(schema) as JsonSchema;
}

const isConst = (node: unknown): boolean =>
  node !== null && typeof node === 'object' && 'const' in node;

const labelsOf = (values: unknown[]): Record<string, string> =>
  Object.fromEntries(
    values.map((value) => [String(value), enumLabels[String(value)] ?? String(value)]),
  );

/**
 * A field with its Dutch title (field-titles.ts), and the Dutch description where it has one;
 * the forms of the dashboard label and explain their fields with them.
 */
function titled(name: string, schema: JsonSchema): JsonSchema {
  const known = fieldTitles[name];
  if (!known || schema.title !== undefined) return schema;
  const [title, description] = known;
  return { ...schema, title, ...(description ? { description } : {}) };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** "pc-cycle" → "PcCycle", "CRITERIA_ADVICE" → "CriteriaAdvice": component names are UpperCamelCase. */
export const pascal = (name: string): string =>
  name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join('');

export const startSchemaName = (kind: string) => `Start${pascal(kind)}`;
export const eventsSchemaName = (kind: string) => `${pascal(kind)}Event`;
const eventSchemaName = (kind: string, type: string) => `${pascal(kind)}${pascal(type)}Event`;

/** One event's body: its `type` and its payload's fields. */
function eventBody(type: string, label: string, payload: z.ZodType): JsonSchema {
  const fields = jsonSchemaOf(payload);
  const typeField = { type: 'string', const: type };
  const properties = fields.properties as Record<string, unknown> | undefined;
  if (properties === undefined) {
    // A payload that is not one plain object (a union): both must hold.
    return {
      title: type,
      description: label,
      allOf: [{ type: 'object', properties: { type: typeField }, required: ['type'] }, fields],
    };
  }
  const required = (fields.required as string[] | undefined) ?? [];
  return {
    ...fields,
    title: type,
    description: label,
    properties: { type: typeField, ...properties },
    required: ['type', ...required],
  };
}

export const definitions = (): ProcessDefinition[] =>
  processKinds
    .map((kind) => findDefinition(kind))
    .filter((definition): definition is ProcessDefinition => definition !== undefined);

/**
 * Components per kind: Start<Kind>, one <Kind><Type>Event per event, and <Kind>Event, the oneOf
 * of them with `type` as discriminator, so a generated client knows each kind's events.
 */
export function kindComponents(): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  for (const definition of definitions()) {
    components[startSchemaName(definition.kind)] = {
      ...jsonSchemaOf(definition.input),
      title: `Start ${definition.kind}`,
      description: `${definition.title}. May be started by: ${definition.startRoles.join(', ')}.`,
      // For a client that offers only what its user may do (the dashboard's start page).
      'x-start-roles': [...definition.startRoles],
    };
    const mapping: Record<string, string> = {};
    for (const [type, event] of Object.entries(definition.events)) {
      const name = eventSchemaName(definition.kind, type);
      components[name] = eventBody(
        type,
        `${event.label} (roles: ${event.roles.join(', ')})`,
        event.payload,
      );
      mapping[type] = `#/components/schemas/${name}`;
    }
    components[eventsSchemaName(definition.kind)] = {
      title: `Events of ${definition.kind}`,
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
      // Who may suspend, resume and extend this kind's deadlines (besides whom they bind).
      'x-deadline-roles': [...(definition.deadlineRoles ?? DEFAULT_DEADLINE_ROLES)],
    };
  }
  return components;
}

export const startBodyOf = (kind: string): JsonSchema => ref(startSchemaName(kind));
export const eventBodyOf = (kind: string): JsonSchema => ref(eventsSchemaName(kind));
