/**
 * The JSON Schemas of start, event and deadline bodies, read from the API's own OpenAPI document:
 * the forms are made from what the API publishes and checks, titles and enum names included.
 */
export type Schema = Record<string, unknown>;

interface OpenApiDocument {
  components?: { schemas?: Record<string, Schema> };
  paths?: Record<string, Record<string, unknown>>;
}

let document: Promise<OpenApiDocument> | undefined;

/** The document is public and the same for everyone: fetched once per page load. */
function openApi(): Promise<OpenApiDocument> {
  document ??= fetch('/api/v1/openapi.json', { headers: { accept: 'application/json' } }).then(
    async (response) => {
      if (!response.ok) throw new Error(`openapi.json: ${String(response.status)}`);
      return (await response.json()) as OpenApiDocument;
    },
  );
  return document;
}

export const isSchema = (value: unknown): value is Schema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The same names the API gives its components (server/openapi/kind-schemas.ts). */
const pascal = (name: string): string =>
  name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join('');

const component = async (name: string): Promise<Schema | undefined> =>
  (await openApi()).components?.schemas?.[name];

/** Follows a local `$ref` once; the kind schemas are otherwise self-contained. */
async function resolved(schema: Schema | undefined): Promise<Schema | undefined> {
  const ref = textOf(schema?.$ref);
  return ref ? component(ref.replace('#/components/schemas/', '')) : schema;
}

/** The body of one event of a kind, found through the oneOf's discriminator mapping. */
export async function eventSchema(kind: string, type: string): Promise<Schema | undefined> {
  const events = await component(`${pascal(kind)}Event`);
  const discriminator = isSchema(events?.discriminator) ? events.discriminator : {};
  const mapping = isSchema(discriminator.mapping) ? discriminator.mapping : {};
  const ref = textOf(mapping[type]);
  return ref ? resolved({ $ref: ref }) : undefined;
}

export const startSchema = (kind: string): Promise<Schema | undefined> =>
  component(`Start${pascal(kind)}`);

const rolesIn = (value: unknown): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((role): role is string => typeof role === 'string')
    : undefined;

/** Who may start a kind (`x-start-roles`); undefined where the document does not say. */
export const startRoles = async (kind: string): Promise<string[] | undefined> =>
  rolesIn((await startSchema(kind))?.['x-start-roles']);

/** Who may suspend, resume and extend a kind's deadlines (`x-deadline-roles`). */
export const deadlineRoles = async (kind: string): Promise<string[] | undefined> =>
  rolesIn((await component(`${pascal(kind)}Event`))?.['x-deadline-roles']);

/** The body of a deadline change of a kind: reason, and for an extension until or days. */
export async function deadlineSchema(kind: string): Promise<Schema | undefined> {
  const path = (await openApi()).paths?.[
    `/kinds/${kind}/processes/{key}/deadlines/{deadlineId}/{action}`
  ];
  const post = isSchema(path?.post) ? path.post : {};
  const body = isSchema(post.requestBody) ? post.requestBody : {};
  const content = isSchema(body.content) ? body.content : {};
  const json = isSchema(content['application/json']) ? content['application/json'] : {};
  return resolved(isSchema(json.schema) ? json.schema : undefined);
}
