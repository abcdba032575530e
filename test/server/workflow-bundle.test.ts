/**
 * Whether a prebuilt workflow bundle still matches its sources: the worker starts from it only
 * then. The bundle here is a real one, built once by jest's global set-up; its list of inputs is
 * copied beside a copy of the bundle so that a source can be changed without touching the tree.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  bundleFreshness,
  defaultBundlePath,
  ensureWorkflowBundle,
} from '../../server/workflow-bundle';

interface Inputs {
  builtAt: string;
  files: Record<string, string>;
}

describe('the prebuilt workflow bundle', () => {
  let dir: string;
  let bundle: string;
  let inputs: Inputs;
  beforeAll(async () => {
    await ensureWorkflowBundle();
    dir = mkdtempSync(join(tmpdir(), 'workflow-bundle-'));
    bundle = join(dir, 'workflow-bundle.js');
    copyFileSync(defaultBundlePath(), bundle);
    inputs = JSON.parse(readFileSync(`${defaultBundlePath()}.inputs.json`, 'utf8')) as Inputs;
  });

  /** The copied list, its paths made relative to the copy, with one source swapped for another. */
  function writeInputs(swap?: { source: string; replacement: string }) {
    const files: Record<string, string> = {};
    for (const [file, hash] of Object.entries(inputs.files)) {
      const absolute = resolve(defaultBundlePath(), '..', file);
      const path = swap && absolute === swap.source ? swap.replacement : absolute;
      files[relative(dir, path)] = hash;
    }
    writeFileSync(`${bundle}.inputs.json`, JSON.stringify({ ...inputs, files }));
  }

  test('lists the workflow sources, the machines and the SDK among its inputs', () => {
    const files = Object.keys(inputs.files);
    expect(files).toContain(join('..', 'workflows', 'index.ts'));
    expect(files).toContain(join('..', 'machines', 'dutch-public-holidays.json'));
    expect(files.some((file) => file.includes('@temporalio/workflow'))).toBe(true);
    expect(files.some((file) => file.includes('date-holidays'))).toBe(false);
  });

  test('is fresh while every input has the content it was built from', () => {
    writeInputs();
    expect(bundleFreshness(bundle)).toEqual({ fresh: true });
  });

  test('is stale once a source differs, and says which', () => {
    const source = resolve(defaultBundlePath(), '..', '..', 'workflows', 'index.ts');
    const changed = join(dir, 'index.ts');
    writeFileSync(changed, `${readFileSync(source, 'utf8')}\n// changed\n`);
    writeInputs({ source, replacement: changed });
    expect(bundleFreshness(bundle)).toEqual({
      fresh: false,
      reason: expect.stringContaining('index.ts changed since the build'),
    });
  });

  test('is stale without its list of inputs, and missing when absent', () => {
    const alone = join(mkdtempSync(join(tmpdir(), 'workflow-bundle-')), 'workflow-bundle.js');
    expect(bundleFreshness(alone)).toEqual({ fresh: false, reason: `${alone} is missing` });
    copyFileSync(bundle, alone);
    expect(bundleFreshness(alone)).toEqual({
      fresh: false,
      reason: `${alone}.inputs.json is missing`,
    });
  });
});
