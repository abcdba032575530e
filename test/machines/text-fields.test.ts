/**
 * No text of any run holds control or bidi formatting characters: every free-text field of every
 * kind's start input and event payloads refuses them, found through the schemas themselves.
 */
import { z } from 'zod';
import { line, text } from '../../machines/event-parts';
import { definitionOf, processKinds } from '../../machines/registry';
import { deadlineChangeSchema } from '../../workflows/deadline-adjustment';

interface JsonSchema {
  type?: string;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Paths of the strings an operator writes freely: no pattern, format or fixed values. */
function freeTextPaths(schema: JsonSchema, path: (string | number)[] = []): (string | number)[][] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const all = branches.flatMap((branch) => freeTextPaths(branch, path));
    return [...new Map(all.map((p) => [p.join('.'), p])).values()];
  }
  if (schema.type === 'string') {
    const fixed = schema.pattern ?? schema.format ?? schema.enum ?? schema.const;
    return fixed === undefined ? [path] : [];
  }
  if (schema.type === 'object') {
    return Object.entries(schema.properties ?? {}).flatMap(([key, value]) =>
      freeTextPaths(value, [...path, key]),
    );
  }
  if (schema.type === 'array' && schema.items) return freeTextPaths(schema.items, [...path, 0]);
  return [];
}

/** A value holding `leaf` at `path`, nothing else. */
function valueAt(path: readonly (string | number)[], leaf: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  const inner = valueAt(rest, leaf);
  return typeof head === 'number' ? [inner] : { [head]: inner };
}

const schemasOf = (kind: string): [string, z.ZodType][] => {
  const definition = definitionOf(kind);
  return [
    ['start', definition.input],
    ...Object.entries(definition.events).map(([type, event]): [string, z.ZodType] => [
      type,
      event.payload,
    ]),
    ...Object.entries(definition.parentEvents ?? {}).map(([type, payload]): [string, z.ZodType] => [
      type,
      payload,
    ]),
  ];
};
const fields = processKinds.flatMap((kind) =>
  schemasOf(kind).flatMap(([name, schema]) =>
    freeTextPaths(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema).map((path) => ({
      kind,
      name,
      path,
      schema,
    })),
  ),
);
fields.push(
  ...freeTextPaths(z.toJSONSchema(deadlineChangeSchema, { io: 'input' }) as JsonSchema).map(
    (path) => ({ kind: 'deadline change', name: 'suspend', path, schema: deadlineChangeSchema }),
  ),
);

const forbidden: [string, string][] = [
  ['\u0000', 'NUL (U+0000)'],
  ['\u001b', 'ESC (U+001B)'],
  ['\u007f', 'DEL (U+007F)'],
  ['\u0085', 'C1 control character (U+0085)'],
  ['\u009b', 'C1 control character (U+009B)'],
  ['\u202e', 'RIGHT-TO-LEFT OVERRIDE (U+202E)'],
  ['\u2066', 'LEFT-TO-RIGHT ISOLATE (U+2066)'],
  ['\u2069', 'POP DIRECTIONAL ISOLATE (U+2069)'],
];

test('the schemas have free-text fields to check, in every kind', () => {
  for (const kind of processKinds) {
    expect(fields.filter((field) => field.kind === kind).length).toBeGreaterThan(0);
  }
  expect(fields.map((f) => `${f.kind} ${f.name} ${f.path.join('.')}`)).toEqual(
    expect.arrayContaining([
      'escalation start subject',
      'escalation start description',
      'escalation RESOLVE outcome',
      'decision POSITION note',
      'reselection PROPOSE obos.0',
      'acceptance FIX_CRITERIA criteria.technicalFunctional',
      'acceptance PHASE2_OPENED programme',
      'obligation start title',
      'deadline change suspend reason',
    ]),
  );
});

describe.each(forbidden)('%j', (character, name) => {
  test.each(fields.map((f) => [`${f.kind} ${f.name} ${f.path.join('.')}`, f] as const))(
    '%s refuses it, naming the field and the character',
    (_label, { path, schema, name: type }) => {
      const value = valueAt(path, `Tekst${character}verborgen`);
      const input = type === 'suspend' ? { action: 'suspend', ...(value as object) } : value;
      const issues = schema.safeParse(input).error?.issues ?? [];
      const issue = issues.find((i) => i.path.join('.') === path.join('.'));
      expect(issue?.message).toBe(
        `${path.join('.')} contains ${name} at position 6; ` +
          (issue?.message.includes('single line')
            ? 'a single line may not hold control characters (tabs and line breaks included)'
            : 'a text may not hold control characters (other than tab and line breaks)') +
          ' or bidirectional formatting characters',
      );
    },
  );
});

describe('lines and texts', () => {
  test('a text of several lines keeps tabs and line breaks; a single line does not', () => {
    expect(text(100).parse('Eerste regel\r\n\tTweede regel')).toBe(
      'Eerste regel\r\n\tTweede regel',
    );
    for (const character of ['\t', '\n', '\r']) {
      expect(line(100).safeParse(`Naam${character}deel`).success).toBe(false);
    }
    expect(line(100).parse('  Kadaster  ')).toBe('Kadaster');
  });

  test('names and subjects are single lines', () => {
    const escalation = definitionOf('escalation').input;
    const issues = escalation.safeParse({ subject: 'Onderwerp\ntweede regel' }).error?.issues ?? [];
    expect(issues.find((i) => i.path.join('.') === 'subject')?.message).toMatch(
      /^subject contains LF \(U\+000A\) at position 10; a single line/,
    );
  });

  test('ordinary Dutch and other scripts pass', () => {
    // A left-to-right mark only marks; it overrides nothing.
    const ordinary = 'Overleg “OGB Beheer” – café, één, Ærø, 東京, \u200e§6.2';
    expect(text(100).parse(ordinary)).toBe(ordinary);
  });
});
