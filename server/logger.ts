/**
 * Structured logs: one JSON object a line on stdout (pino), for the API, the worker and the Temporal
 * SDK alike, so a log shipper reads them without parsing prose.
 */
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** `destination` defaults to stdout, written synchronously so no line is lost at process.exit. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names read better than pino's numbers in any log viewer.
      formatters: { level: (label) => ({ level: label }) },
      // The SDK passes errors as `error`; pino only serialises `err` by default.
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
