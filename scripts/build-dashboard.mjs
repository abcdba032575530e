#!/usr/bin/env node
// Builds the dashboard into dist/dashboard: the TypeScript of server/dashboard/src bundled by
// esbuild into one ES module, beside the page and its style sheet. Run by `npm run build` (so by
// `npm start`) and by the browser tests' set-up; type checking is `npm run typecheck`'s job.
//
// Each file is written beside its place and renamed into it, so a page being served while another
// build runs (the browser test files build in parallel) gets the old file or the new, never half
// of one: a half-written app.js left the sign-in page blank in CI (2026-12-03).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'server', 'dashboard');
const target = join(root, 'dist', 'dashboard');

function writeInPlace(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

mkdirSync(target, { recursive: true });
const { outputFiles } = await build({
  entryPoints: [join(source, 'src', 'main.ts')],
  outfile: join(target, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  write: false,
});
for (const file of outputFiles) writeInPlace(file.path, file.contents);
for (const file of ['index.html', 'style.css', 'favicon.svg'])
  writeInPlace(join(target, file), readFileSync(join(source, file)));
process.stderr.write(`[dashboard] built into ${target}\n`);
