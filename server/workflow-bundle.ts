/**
 * The workflow bundle, built once (by `npm run build`, or once per `npm test`) into a file that
 * workers start from, instead of every worker bundling about 12 MB of workflow code at start.
 *
 * Beside the bundle lies a list of the files it was built from with their SHA-256, so a worker or a
 * test can tell a bundle that no longer matches its sources and bundle anew rather than run old
 * code. Hashes rather than modification times: a checkout, a copy or a cache restore all change
 * times without changing code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type Logger } from '@temporalio/worker';
import type { Compiler, Configuration } from 'webpack';
import { z } from 'zod';

/** The directory with package.json: the sources' root, whether run from sources or from dist. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where `npm run build` puts the bundle. */
export const defaultBundlePath = (): string => join(projectRoot(), 'dist', 'workflow-bundle.js');

/** The workflows' entry point as TypeScript source: the bundler compiles it itself. */
export const workflowSourcesPath = (): string => join(projectRoot(), 'workflows', 'index.ts');

const inputsPath = (bundlePath: string) => `${bundlePath}.inputs.json`;

const inputsSchema = z.object({
  builtAt: z.string(),
  /** Path relative to the bundle's directory → SHA-256 of the content the bundle was built from. */
  files: z.record(z.string(), z.string()),
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Records every file webpack read for the bundle, the node_modules ones included. */
class InputFiles {
  readonly files = new Set<string>();
  apply(compiler: Compiler): void {
    compiler.hooks.afterCompile.tap('InputFiles', (compilation) => {
      for (const file of compilation.fileDependencies) this.files.add(file);
    });
  }
}

/**
 * Bundles the workflows without the inline source map the SDK adds by default: it doubles the code
 * a worker loads into every sandbox and is only read for stack traces of workflow code.
 */
export async function bundleWorkflows(
  workflowsPath: string,
  logger: Logger = new DefaultLogger('WARN'),
): Promise<{ code: string; inputs: ReadonlySet<string> }> {
  const inputs = new InputFiles();
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger,
    webpackConfigHook: (config: Configuration) => ({
      ...config,
      devtool: 'inline-nosources-cheap-module-source-map',
      plugins: [...(config.plugins ?? []), inputs],
    }),
  });
  return { code, inputs: inputs.files };
}

/** Writes a bundle and its list of inputs; renamed into place so that no reader sees half a file. */
export async function writeWorkflowBundle(
  bundlePath: string = defaultBundlePath(),
  workflowsPath: string = workflowSourcesPath(),
): Promise<{ bytes: number }> {
  const { code, inputs } = await bundleWorkflows(workflowsPath);
  const base = dirname(bundlePath);
  const files: Record<string, string> = {};
  // The SDK's generated entry point lives in memory only; webpack lists directories it read too.
  for (const file of [...inputs].sort())
    if (isAbsolute(file) && existsSync(file) && statSync(file).isFile())
      files[relative(base, file)] = sha256(file);
  mkdirSync(base, { recursive: true });
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(bundlePath + suffix, code);
  writeFileSync(
    inputsPath(bundlePath) + suffix,
    `${JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 2)}\n`,
  );
  renameSync(inputsPath(bundlePath) + suffix, inputsPath(bundlePath));
  renameSync(bundlePath + suffix, bundlePath);
  return { bytes: Buffer.byteLength(code) };
}

export type Freshness = { fresh: true } | { fresh: false; reason: string };

/**
 * Whether a bundle still matches its sources. An input that is gone does not count: the image ships
 * dist without the TypeScript sources, and a source removed from the build changed its importer.
 */
export function bundleFreshness(bundlePath: string = defaultBundlePath()): Freshness {
  if (!existsSync(bundlePath)) return { fresh: false, reason: `${bundlePath} is missing` };
  if (!existsSync(inputsPath(bundlePath)))
    return { fresh: false, reason: `${inputsPath(bundlePath)} is missing` };
  const parsed = inputsSchema.safeParse(
    JSON.parse(readFileSync(inputsPath(bundlePath), 'utf8')) as unknown,
  );
  if (!parsed.success) return { fresh: false, reason: `${inputsPath(bundlePath)} is unreadable` };
  const base = dirname(bundlePath);
  for (const [file, hash] of Object.entries(parsed.data.files)) {
    const absolute = resolve(base, file);
    if (existsSync(absolute) && sha256(absolute) !== hash)
      return {
        fresh: false,
        reason: `${relative(projectRoot(), absolute)} changed since the build`,
      };
  }
  return { fresh: true };
}

/** The bundle at the path, built anew first when it is missing or older than its sources. */
export async function ensureWorkflowBundle(
  bundlePath: string = defaultBundlePath(),
): Promise<{ codePath: string; built: Freshness }> {
  const freshness = bundleFreshness(bundlePath);
  if (!freshness.fresh) await writeWorkflowBundle(bundlePath);
  return { codePath: bundlePath, built: freshness };
}
