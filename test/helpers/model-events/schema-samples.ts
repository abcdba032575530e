/**
 * Payloads built from an event's zod schema: every enum value, both booleans, each optional field
 * present and absent, strings from the kind's values by field name. Only payloads the schema
 * accepts are kept, so a sample is always one the API would pass on.
 */
import type { z } from 'zod';

/** The part of a zod (v4) schema's definition the walk reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
  element?: z.ZodType;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef =>
  (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Enough to try every value of a field; objects with many fields are cut off here. */
const MAX_SAMPLES = 48;

type Strings = Readonly<Record<string, readonly string[]>>;

function product(fields: [string, unknown[]][]): Record<string, unknown>[] {
  let rows: Record<string, unknown>[] = [{}];
  for (const [name, values] of fields) {
    rows = rows
      .flatMap((row) =>
        values.map((value) => (value === undefined ? row : { ...row, [name]: value })),
      )
      .slice(0, MAX_SAMPLES);
  }
  return rows;
}

function samples(schema: z.ZodType, field: string, strings: Strings): unknown[] {
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined) => (s ? samples(s, field, strings) : []);
  switch (def.type) {
    case 'object':
      return product(
        Object.entries(def.shape ?? {}).map(([name, s]) => [name, samples(s, name, strings)]),
      );
    case 'optional':
    case 'default':
    case 'prefault':
      return [undefined, ...inner(def.innerType)];
    case 'nullable':
      return [null, ...inner(def.innerType)];
    case 'readonly':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'union':
      return (def.options ?? []).flatMap((s) => samples(s, field, strings));
    case 'enum':
      return Object.values(def.entries ?? {});
    case 'literal':
      return [...(def.values ?? [])];
    case 'boolean':
      return [true, false];
    case 'number':
    case 'int':
      return [1];
    case 'array': {
      const items = inner(def.element);
      return [[], ...items.map((item) => [item])].slice(0, MAX_SAMPLES);
    }
    case 'record':
      return [{}];
    case 'string':
      return [...(strings[field] ?? ['x'])];
    default:
      return [];
  }
}

/** The payloads this schema accepts among those built from it, as the schema outputs them. */
export function schemaSamples(
  schema: z.ZodType<Record<string, unknown>>,
  strings: Strings = {},
): Record<string, unknown>[] {
  const parsed = samples(schema, '', strings).flatMap((raw) => {
    const result = schema.safeParse(raw);
    return result.success ? [result.data] : [];
  });
  const unique = new Map(parsed.map((payload) => [JSON.stringify(payload), payload]));
  return [...unique.values()];
}
