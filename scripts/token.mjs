#!/usr/bin/env node
// Prints the bearer token of one actor from the local token file, for curl:
//   TBO=$(node scripts/token.mjs tbo)
// Without an argument it lists the actors. The file is data/tokens.json unless TOKENS_FILE is set.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const path =
  process.env.TOKENS_FILE ?? resolve(root, process.env.DATA_DIR ?? 'data', 'tokens.json');
let file;
try {
  file = JSON.parse(readFileSync(path, 'utf8'));
} catch {
  process.stderr.write(`no token file at ${path}: start the product once with "npm start"\n`);
  process.exit(1);
}
const wanted = process.argv[2];
if (!wanted) {
  for (const { actor } of file.tokens) {
    const of = actor.party ?? actor.organisation;
    process.stdout.write(`${actor.id}\t${actor.role}${of ? `\t${of}` : ''}\n`);
  }
  process.exit(0);
}
const entry = file.tokens.find(({ actor }) => actor.id === wanted);
if (!entry) {
  process.stderr.write(
    `no actor "${wanted}" in ${path}; known: ${file.tokens.map((t) => t.actor.id).join(', ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`${entry.token}\n`);
