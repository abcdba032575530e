#!/usr/bin/env node
// Builds the dashboard into dist/dashboard: the TypeScript of server/dashboard/src bundled by
// esbuild into one ES module, beside the page and its style sheet. Run by `npm run build` (so by
// `npm start`) and by the browser test's set-up; type checking is `npm run typecheck`'s job.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'server', 'dashboard');
const target = join(root, 'dist', 'dashboard');

mkdirSync(target, { recursive: true });
await build({
  entryPoints: [join(source, 'src', 'main.ts')],
  outfile: join(target, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css', 'favicon.svg'])
  copyFileSync(join(source, file), join(target, file));
process.stderr.write(`[dashboard] built into ${target}\n`);
