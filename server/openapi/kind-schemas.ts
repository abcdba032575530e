/**
 * Per process kind, the start body and the event bodies, as JSON Schema components made from
 * each definition's own zod schemas (machines/registry.ts).
 */
import { z } from 'zod';
import { findDefinition, processKinds } from '../../machines/registry';
import type { ProcessDefinition } from '../../machines/process-definition';
import type { JsonSchema } from './route-doc';

/** A converted schema as a component: the keywords of a standalone document removed. */
export function asComponent(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

/** zod → JSON Schema as a request reads it (before transforms). */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  asComponent(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const startSchemaName = (kind: string) => `Start_${kind}`;
export const eventsSchemaName = (kind: string) => `Events_${kind}`;

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

const definitions = (): ProcessDefinition[] =>
  processKinds
    .map((kind) => findDefinition(kind))
    .filter((definition): definition is ProcessDefinition => definition !== undefined);

/** Components: Start_<kind> and Events_<kind> (one of the kind's event bodies) per kind. */
export function kindComponents(): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  for (const definition of definitions()) {
    components[startSchemaName(definition.kind)] = {
      ...jsonSchemaOf(definition.input),
      title: `Start ${definition.kind}`,
      description: `${definition.title}. May be started by: ${definition.startRoles.join(', ')}.`,
    };
    components[eventsSchemaName(definition.kind)] = {
      title: `Events of ${definition.kind}`,
      oneOf: Object.entries(definition.events).map(([type, event]) =>
        eventBody(type, `${event.label} (roles: ${event.roles.join(', ')})`, event.payload),
      ),
    };
  }
  return components;
}

/** Any kind's start body; which one applies follows from the {kind} in the path. */
export const anyStartBody = (): JsonSchema => ({
  anyOf: processKinds.map((kind) => ref(startSchemaName(kind))),
});

/** Any kind's event body; which one applies follows from the process id's kind. */
export const anyEventBody = (): JsonSchema => ({
  anyOf: processKinds.map((kind) => ref(eventsSchemaName(kind))),
});
