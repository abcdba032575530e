/** The worker's deployment version from the environment, and the build id from the bundle. */
import { loadConfig } from '../../server/config';
import { buildIdOf, deploymentOptions } from '../../server/worker-deployment';

describe('Worker Versioning from the environment', () => {
  test('off unless the deployment is named: the worker is unversioned, as before', () => {
    expect(loadConfig({}).workerDeployment).toBeUndefined();
  });

  test('named: the build id is left to the bundle; the embedded server takes it current', () => {
    expect(loadConfig({ WORKER_DEPLOYMENT_NAME: 'dso-lv' }).workerDeployment).toEqual({
      name: 'dso-lv',
      buildId: undefined,
      setCurrent: true,
    });
    // On a cluster the operator makes a version current, after its workers poll.
    expect(
      loadConfig({ WORKER_DEPLOYMENT_NAME: 'dso-lv', TEMPORAL_ADDRESS: 'temporal:7233' })
        .workerDeployment,
    ).toEqual({ name: 'dso-lv', buildId: undefined, setCurrent: false });
    expect(
      loadConfig({
        WORKER_DEPLOYMENT_NAME: 'dso-lv',
        WORKER_BUILD_ID: '2026.12.1',
        WORKER_SET_CURRENT_VERSION: 'true',
        TEMPORAL_ADDRESS: 'temporal:7233',
      }).workerDeployment,
    ).toEqual({ name: 'dso-lv', buildId: '2026.12.1', setCurrent: true });
  });

  test('bad values are named with the rule they break', () => {
    // Temporal writes a version as "<deployment>.<build id>": the name may hold no dot.
    expect(() => loadConfig({ WORKER_DEPLOYMENT_NAME: 'dso.lv' })).toThrow(
      /WORKER_DEPLOYMENT_NAME: expected letters, digits, - and _ \(no dots\) \(got "dso.lv"\)/,
    );
    expect(() => loadConfig({ WORKER_DEPLOYMENT_NAME: 'dso-lv', WORKER_BUILD_ID: 'a b' })).toThrow(
      /WORKER_BUILD_ID: expected letters, digits, \., - and _/,
    );
    expect(() =>
      loadConfig({ WORKER_DEPLOYMENT_NAME: 'dso-lv', WORKER_SET_CURRENT_VERSION: 'yes' }),
    ).toThrow(/WORKER_SET_CURRENT_VERSION: expected true or false/);
    expect(() => loadConfig({ WORKER_BUILD_ID: '1' })).toThrow(
      /WORKER_BUILD_ID: WORKER_BUILD_ID needs WORKER_DEPLOYMENT_NAME/,
    );
    expect(() => loadConfig({ WORKER_SET_CURRENT_VERSION: 'true' })).toThrow(
      /WORKER_SET_CURRENT_VERSION: WORKER_SET_CURRENT_VERSION needs WORKER_DEPLOYMENT_NAME/,
    );
  });

  test('the build id is the bundle content hash: the same code, the same version', () => {
    expect(buildIdOf('bundle A')).toBe(buildIdOf(Buffer.from('bundle A')));
    expect(buildIdOf('bundle A')).not.toBe(buildIdOf('bundle B'));
    expect(buildIdOf('bundle A')).toMatch(/^wf-[0-9a-f]{20}$/);
    // Long-running kinds move to new versions unless their binding says otherwise.
    expect(deploymentOptions({ deploymentName: 'dso-lv', buildId: 'x' })).toEqual({
      version: { deploymentName: 'dso-lv', buildId: 'x' },
      useWorkerVersioning: true,
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    });
  });
});
