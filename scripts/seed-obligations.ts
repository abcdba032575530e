/**
 * Seeds the dated obligations of the arrangement: starts one `obligation` run per catalogue entry
 * through the operator API, as the SBO. Idempotent: an obligation that already has a run is left
 * alone and reported as such, so running it again starts nothing new.
 *
 *   npm run obligations:seed -- [--api-url URL] [--token TOKEN] [--act-takes-effect YYYY-MM-DD]
 *
 * Defaults: DSO_API_URL (else http://127.0.0.1:$PORT/api/v1), DSO_API_TOKEN (else the SBO's token in
 * the local token file, TOKENS_FILE or $DATA_DIR/tokens.json), ACT_TAKES_EFFECT (else 2021-01-01).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { calendarDateSchema } from '../machines/date-schemas';
import {
  DEFAULT_ACT_TAKES_EFFECT,
  obligationCatalogue,
  trackedElsewhere,
  type CatalogueEntry,
} from '../machines/obligation/catalogue';

const optionsSchema = z.object({
  apiUrl: z.url({
    protocol: /^https?$/,
    error: 'an http(s) URL, e.g. http://127.0.0.1:3000/api/v1',
  }),
  token: z.string().min(16, 'a token has at least 16 characters').optional(),
  tokensFile: z.string().min(1),
  actTakesEffect: calendarDateSchema,
});
type Options = z.output<typeof optionsSchema>;

const tokenFileSchema = z.object({
  tokens: z.array(
    z.object({ token: z.string(), actor: z.object({ id: z.string(), role: z.string() }) }),
  ),
});
/** A problem (RFC 9457) as the API answers it: the product's code and what went wrong. */
const problemSchema = z.object({ code: z.string(), detail: z.string() });
const viewSchema = z.object({ id: z.string(), status: z.string(), summary: z.string() });

class SeedError extends Error {}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      'api-url': { type: 'string' },
      token: { type: 'string' },
      'act-takes-effect': { type: 'string' },
    },
    strict: true,
  });
  const env = process.env;
  const parsed = optionsSchema.safeParse({
    apiUrl: values['api-url'] ?? env.DSO_API_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}/api/v1`,
    token: values.token ?? env.DSO_API_TOKEN,
    tokensFile: env.TOKENS_FILE ?? resolve(env.DATA_DIR ?? 'data', 'tokens.json'),
    actTakesEffect: values['act-takes-effect'] ?? env.ACT_TAKES_EFFECT ?? DEFAULT_ACT_TAKES_EFFECT,
  });
  if (!parsed.success) {
    throw new SeedError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  return parsed.data;
}

/** The SBO's token from the local token file, for the product as `npm start` runs it. */
function sboToken(path: string): string {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new SeedError(
      `no token given (--token or DSO_API_TOKEN) and no token file at ${path}: start the ` +
        'product once with "npm start", or pass the SBO\'s token',
    );
  }
  const file = tokenFileSchema.safeParse(JSON.parse(raw));
  const entry = file.data?.tokens.find((t) => t.actor.role === 'sbo');
  if (!entry) throw new SeedError(`${path} holds no token of the SBO (role "sbo")`);
  return entry.token;
}

type Outcome = 'started' | 'exists' | 'failed';

async function seedOne(
  options: Options,
  token: string,
  entry: CatalogueEntry,
): Promise<{ outcome: Outcome; line: string }> {
  const id = `obligation:${entry.obligationKey}`;
  let response: Response;
  try {
    response = await fetch(`${options.apiUrl.replace(/\/$/, '')}/kinds/obligation/processes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        // A retried or repeated seed of the same obligation is recognised as the same start.
        'idempotency-key': `seed-${id}`,
      },
      body: JSON.stringify(entry),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SeedError(
      `cannot reach the API at ${options.apiUrl} (${reason}): is it running ("npm start")? ` +
        'Set DSO_API_URL or --api-url to reach another one',
    );
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (response.status === 201 || response.status === 200) {
    const view = viewSchema.parse(body);
    const verb = response.status === 201 ? 'started' : 'exists ';
    const why = response.status === 201 ? '' : ' (started by an earlier seed)';
    return {
      outcome: response.status === 201 ? 'started' : 'exists',
      line: `${verb} ${view.id}${why}: ${view.summary}`,
    };
  }
  const problem = problemSchema.safeParse(body);
  const message = problem.success
    ? `${problem.data.code}: ${problem.data.detail}`
    : 'no error body';
  if (response.status === 409 && problem.data?.code === 'already_started') {
    return { outcome: 'exists', line: `exists  ${id} (already has a run; left alone)` };
  }
  if (response.status === 401 || response.status === 403) {
    throw new SeedError(`the API refused the token (${response.status} ${message})`);
  }
  return { outcome: 'failed', line: `failed  ${id}: ${response.status} ${message}` };
}

async function main(): Promise<number> {
  const options = readOptions();
  const token = options.token ?? sboToken(options.tokensFile);
  const catalogue = obligationCatalogue({ actTakesEffect: options.actTakesEffect });
  console.log(`Seeding ${catalogue.length} dated obligations at ${options.apiUrl}`);
  const counts: Record<Outcome, number> = { started: 0, exists: 0, failed: 0 };
  for (const entry of catalogue) {
    const { outcome, line } = await seedOne(options, token, entry);
    counts[outcome] += 1;
    console.log(line);
  }
  for (const other of trackedElsewhere) {
    console.log(`elsewhere ${other.title}: tracked by ${other.kind} (deadline ${other.deadline})`);
  }
  console.log(`${counts.started} started, ${counts.exists} already there, ${counts.failed} failed`);
  return counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof SeedError ? error.message : error);
    process.exitCode = 2;
  },
);
