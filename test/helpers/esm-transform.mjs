// Jest's module registry cannot load ES modules without --experimental-vm-modules, while Node
// (≥ 20.19) requires them natively: ESM-only packages (jose) are turned into CommonJS for tests.
import { transformSync } from 'esbuild';

export default {
  process(source, path) {
    const { code, map } = transformSync(source, {
      format: 'cjs',
      target: 'node20',
      sourcefile: path,
      sourcemap: 'external',
    });
    return { code, map };
  },
};
