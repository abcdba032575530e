// The browser test drives Debian's chromium through playwright-core (no downloaded browser). On a
// fresh machine it is not there: as root we install it with apt-get; otherwise we say how to.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

function run(command, args) {
  process.stderr.write(`[dependencies] ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const manual = 'apt-get install -y --no-install-recommends chromium';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stderr.write(
      `[dependencies] ${CHROMIUM} is missing and this is not root: the browser test needs it.\n` +
        `[dependencies] install it with: sudo ${manual}\n`,
    );
    process.exit(1);
  }
  if (!existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`[dependencies] ${CHROMIUM} is missing and there is no apt-get here.\n`);
    process.exit(1);
  }
  process.stderr.write('[dependencies] installing Debian chromium for the browser test\n');
  const steps = [
    ['apt-get', ['update']],
    ['apt-get', ['install', '-y', '--no-install-recommends', 'chromium']],
  ];
  for (const [command, args] of steps) {
    const result = run(command, args);
    if (result.status !== 0) {
      process.stderr.write(
        `[dependencies] "${command} ${args.join(' ')}" failed (exit ${String(result.status)}); ` +
          `install chromium yourself (${manual}) and run the tests again.\n`,
      );
      process.exit(result.status ?? 1);
    }
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`[dependencies] apt-get succeeded but ${CHROMIUM} is still missing.\n`);
    process.exit(1);
  }
  process.stderr.write(`[dependencies] chromium installed at ${CHROMIUM}\n`);
}
