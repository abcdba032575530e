/** Reads what scripts/temporal-binaries.mjs obtained (.temporal/binaries.json). */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';

const binarySchema = z.object({
  source: z.enum(['go-build', 'maven', 'env', 'sdk-download']),
  path: z.string().nullable(),
  version: z.string(),
});
const manifestSchema = z.object({
  devServer: binarySchema.optional(),
  testServer: binarySchema.extend({ startTime: z.boolean() }).optional(),
});
export type TemporalBinaries = z.infer<typeof manifestSchema>;

/** The checkout's root, whether this runs from the sources or from dist/. */
export const projectRoot =
  basename(resolve(__dirname, '..')) === 'dist'
    ? resolve(__dirname, '..', '..')
    : resolve(__dirname, '..');

export function readTemporalBinaries(): TemporalBinaries {
  const dir = process.env.TEMPORAL_BINARIES_DIR ?? join(projectRoot, '.temporal');
  const path = join(dir, 'binaries.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run "npm run temporal:binaries" first`);
  }
  return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The SDK's executable option for a binary: the one obtained here, or the SDK's own download. */
export function executableFor(binary: { path: string | null } | undefined) {
  return binary?.path
    ? ({ type: 'existing-path', path: binary.path } as const)
    : ({ type: 'cached-download' } as const);
}
