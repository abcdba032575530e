/** The Temporal SDK's logs as pino lines (the Runtime's logger is installed in server/main.ts). */
import type { LogLevel as TemporalLogLevel } from '@temporalio/common';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { Logger, LogLevel } from './logger';

const temporalLevels: Record<LogLevel, TemporalLogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

const pinoLevels: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal Runtime's logger: the SDK's, the workflows' and the activities' lines (with their
 * workflowId, runId, workflowType, sdkComponent) become pino lines.
 */
export function temporalLogger(logger: Logger, level: LogLevel): DefaultLogger {
  return new DefaultLogger(temporalLevels[level], (entry: LogEntry) => {
    logger[pinoLevels[entry.level]]({ ...entry.meta }, entry.message);
  });
}
