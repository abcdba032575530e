#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after the lock file changed) it
// installs the locked npm packages, so that the Quickstart needs no separate install step. With
// --with-browser (as `npm test` runs it) it also makes sure Debian's chromium is there.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  process.stderr.write('[dependencies] installing the locked npm packages (npm ci)\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--with-browser')) ensureChromium();
