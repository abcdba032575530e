/**
 * The OpenAPI document passes the official NL API Design Rules linter (Logius' Spectral ruleset,
 * test/standards/nl-api-design-rules): no errors and no warnings. Spectral runs as its own CLI,
 * as an API reviewer would run it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApiDocument } from '../../server/openapi/document';

const root = resolve(__dirname, '../..');
const ruleset = join(root, 'test/standards/nl-api-design-rules/linter.yaml');
const spectral = join(root, 'node_modules/.bin/spectral');

interface Finding {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  path: string[];
}

async function lint(document: object): Promise<Finding[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'adr-lint-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  // Spectral exits 1 when it finds errors; its JSON report is on stdout either way.
  const result = await promisify(execFile)(
    spectral,
    ['lint', '--quiet', '--format', 'json', '--ruleset', ruleset, file],
    { cwd: root },
  ).catch((error: unknown) => {
    const failed = error as { stdout?: string; code?: number };
    if (failed.code === 1 && failed.stdout) return { stdout: failed.stdout };
    throw error;
  });
  return result.stdout.trim() === '' ? [] : (JSON.parse(result.stdout) as Finding[]);
}

const describeFinding = (f: Finding) => `${f.code} at ${f.path.join('.')}: ${f.message}`;

test('the OpenAPI document has no errors and no warnings by the ADR 2.1 linter', async () => {
  const findings = await lint(buildOpenApiDocument());
  expect(findings.filter((f) => f.severity <= 1).map(describeFinding)).toEqual([]);
});

test('the linter does find what the rules forbid, so a clean report means something', async () => {
  const document = buildOpenApiDocument() as { info: Record<string, unknown>; paths: object };
  const broken = {
    ...document,
    info: { ...document.info, contact: undefined },
    servers: [{ url: '/api' }],
    paths: { ...document.paths, '/Processen/': {} },
  };
  const codes = new Set((await lint(broken)).map((f) => f.code));
  expect(codes).toEqual(
    new Set([
      'info-contact',
      'nlgov:include-major-version-in-uri',
      'nlgov:paths-kebab-case',
      'path-keys-no-trailing-slash',
    ]),
  );
});
