/**
 * An experiment for (a): the SDK's bundler compiles workflow TypeScript for es2017, so every object
 * spread becomes the `_object_spread` helper (a defineProperty per key), and the host's pure
 * decisions spread a lot. This bundles the same workflows for es2020 (native spread) and measures
 * (a) with each bundle, one after the other, in the same process.
 *
 *   node --expose-gc --import tsx scripts/bench/spread-target.ts [runs]
 */
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration } from 'webpack';
import { ensureWorkflowBundle, workflowSourcesPath } from '../../server/workflow-bundle';
import { hostVsPlain } from './measures';
import { startBenchStack } from './stack';

/** The SDK's swc-loader rule with another target. */
function withTarget(config: Configuration, target: string): Configuration {
  const rules = (config.module?.rules ?? []).map((rule) => {
    if (!rule || typeof rule !== 'object') return rule;
    const use = rule.use;
    if (!use || typeof use !== 'object' || Array.isArray(use) || !('options' in use)) return rule;
    const options = use.options as { jsc?: { target?: string } };
    return { ...rule, use: { ...use, options: { ...options, jsc: { ...options.jsc, target } } } };
  });
  return {
    ...config,
    devtool: 'inline-nosources-cheap-module-source-map',
    module: { ...config.module, rules },
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const runs = Number(process.argv[2] ?? 10);
  const es2020 = join(tmpdir(), `workflow-bundle-es2020-${process.pid}.js`);
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowSourcesPath(),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => withTarget(config, 'es2020'),
  });
  writeFileSync(es2020, code);
  console.log(
    `es2020 bundle: ${code.length} bytes, _object_spread in it: ${code.split('_object_spread(').length - 1}`,
  );
  const bundles = { es2017: (await ensureWorkflowBundle()).codePath, es2020 };
  for (const [name, path] of Object.entries(bundles)) {
    const stack = await startBenchStack(1000, path);
    try {
      const a = await hostVsPlain(stack.client, runs);
      console.log(
        `${name}: host ${a.hostCpuMs.toFixed(1)} ms CPU vs plain ${a.plainCpuMs.toFixed(1)} ms (${(a.hostCpuMs / a.plainCpuMs).toFixed(2)}), wall ${a.hostWallMs.toFixed(1)} vs ${a.plainWallMs.toFixed(1)} ms (${(a.hostWallMs / a.plainWallMs).toFixed(2)})`,
      );
    } finally {
      await stack.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
