// Test output shows what the tests say; the SDK's info lines (bundles, worker states) would bury it.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
