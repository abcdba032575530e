/** The cluster file validates as `docker compose config` would, and a broken one does not. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const validate = (file?: string) =>
  spawnSync(process.execPath, ['scripts/compose-config.mjs', ...(file ? [file] : [])], {
    encoding: 'utf8',
  });

test('docker-compose.yml validates: Temporal on PostgreSQL, UI, the API and two workers', () => {
  const result = validate();
  expect(result.stderr).not.toMatch(/invalid|must be/);
  expect(result.status).toBe(0);
  const text = readFileSync('docker-compose.yml', 'utf8');
  for (const service of [
    'postgresql:',
    'temporal:',
    'temporal-ui:',
    'api:',
    'worker-1:',
    'worker-2:',
  ]) {
    expect(text).toContain(`\n  ${service}`);
  }
}, 180_000);

test('a broken compose file is refused with the reason', () => {
  const broken = readFileSync('docker-compose.yml', 'utf8').replace(
    'condition: service_healthy',
    'condition: when_ready',
  );
  const file = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
  writeFileSync(file, broken);
  const result = validate(file);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/condition value must be one of/);
}, 180_000);
