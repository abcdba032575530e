#!/usr/bin/env node
// Bundles the workflows once into dist/workflow-bundle.js (with the list of its inputs beside it),
// so workers start from the file instead of bundling at every start. Run by `npm run build` after
// tsc, whose output it uses; the bundle itself is made from the TypeScript sources.
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { defaultBundlePath, writeWorkflowBundle } = require(
  join(root, 'dist', 'server', 'workflow-bundle.js'),
);

const started = Date.now();
const target = defaultBundlePath();
const { bytes } = await writeWorkflowBundle(target);
process.stderr.write(
  `[workflows] bundled into ${relative(root, target)}: ${bytes} bytes in ${Date.now() - started} ms\n`,
);
