/** All configuration comes from the environment and is parsed here, once. */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { TASK_QUEUE_DEFAULT } from '../workflows/contract';
import { logLevels, type LogLevel } from './logger';
import { DEFAULT_API_CONTACT, type ApiContact } from './openapi/contact';
import { payloadKeysVariable, type PayloadKeySource } from './payload-keys';
import { projectRoot } from './temporal-binaries';
import type { WorkerDeploymentConfig } from './worker-deployment';
import {
  checkOidcEnvironment,
  oidcEnvironment,
  oidcSettingsFrom,
  type OidcSettings,
} from './oidc-config';
import {
  checkReminderEnvironment,
  reminderConfigFrom,
  reminderEnvironment,
  type ReminderConfig,
} from './reminder-config';

// An empty variable counts as unset, as shells and compose files often leave them so.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

const flag = z.enum(['true', 'false'], { error: 'expected true or false' });
const origins = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim().replace(/\/$/, '')))
  .pipe(
    z.array(z.url({ protocol: /^https?$/, error: 'expected http(s) origins, comma-separated' })),
  );

const durationUnits = { ms: 1, s: 1000, m: 60_000 } as const;
const MAX_GRACE_MS = 60 * 60_000;
/** Milliseconds, or a number with a unit: `500ms`, `30s`, `2m`. */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m)?$/, 'expected milliseconds or a duration like 500ms, 30s or 2m')
  .transform((text) => {
    const unit = /(ms|s|m)$/.exec(text)?.[1] as keyof typeof durationUnits | undefined;
    return parseInt(text, 10) * durationUnits[unit ?? 'ms'];
  })
  .pipe(z.number().max(MAX_GRACE_MS, 'expected at most 60m'));

const environmentSchema = z
  .object({
    PORT: optional(port).default(3000),
    HOST: optional(z.string()).default('127.0.0.1'),
    TEMPORAL_ADDRESS: optional(
      z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'expected host:port, e.g. temporal.example.org:7233'),
    ),
    TEMPORAL_NAMESPACE: optional(z.string().min(1)).default('default'),
    TEMPORAL_TASK_QUEUE: optional(z.string().min(1)).default(TASK_QUEUE_DEFAULT),
    TEMPORAL_PORT: optional(port).default(7233),
    TEMPORAL_UI_PORT: optional(port).default(8233),
    DATA_DIR: optional(z.string()).default('data'),
    TOKENS_FILE: optional(z.string()),
    REMINDER_WEBHOOK_URL: optional(
      z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
    ),
    /** Which parts this process runs: both by default; a cluster runs them as separate services. */
    COMPONENTS: optional(
      z
        .string()
        .transform((value) => value.split(',').map((part) => part.trim()))
        .pipe(
          z
            .array(z.enum(['api', 'worker'], { error: 'expected api, worker or api,worker' }))
            .min(1),
        ),
    ).default(['api', 'worker']),
    /** Temporal Cloud and other clusters behind TLS: an API key implies TLS. */
    TEMPORAL_API_KEY: optional(z.string().min(1)),
    TEMPORAL_TLS: optional(flag),
    /** mTLS: the client certificate and key (PEM files) of the API and the workers. */
    TEMPORAL_TLS_CERT: optional(z.string()),
    TEMPORAL_TLS_KEY: optional(z.string()),
    /** The CA that signed the cluster's server certificate, when not a public one. */
    TEMPORAL_TLS_CA: optional(z.string()),
    TEMPORAL_TLS_SERVER_NAME: optional(z.string().min(1)),
    /** The payload codec's keys: `id:base64,…` (the first seals); or a key file. */
    PAYLOAD_KEYS: optional(payloadKeysVariable),
    PAYLOAD_KEYS_FILE: optional(z.string()),
    /** Lets payloads from before the codec through, for runs started by an older version. */
    PAYLOAD_ACCEPT_PLAIN: optional(flag).default('false'),
    /** Origins of Temporal Web UIs that may call the codec endpoint from the browser. */
    CODEC_CORS_ORIGINS: optional(origins),
    /** The embedded Web UI is read-only unless this is true. */
    TEMPORAL_UI_WRITES: optional(flag).default('false'),
    /** Where the worker's Temporal SDK metrics are served for Prometheus (off when unset). */
    WORKER_METRICS_PORT: optional(port),
    /** Worker Versioning (server/worker-deployment.ts): off unless the deployment is named. */
    WORKER_DEPLOYMENT_NAME: optional(
      z
        .string()
        .max(100, 'expected at most 100 characters')
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected letters, digits, - and _ (no dots)'),
    ),
    /** The release this worker runs; by default the workflow bundle's content hash. */
    WORKER_BUILD_ID: optional(
      z
        .string()
        .max(255, 'expected at most 255 characters')
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ., - and _'),
    ),
    /** Whether the worker makes its version the current one once it polls. */
    WORKER_SET_CURRENT_VERSION: optional(flag),
    RATE_LIMIT_PER_MINUTE: optional(
      z.coerce
        .number({ error: 'expected a number' })
        .int('expected a whole number')
        .min(1, 'expected at least 1')
        .max(1_000_000),
    ).default(600),
    /** The calendar feed's own, lower limit per caller, and how many may be built at once. */
    CALENDAR_RATE_LIMIT_PER_MINUTE: optional(
      z.coerce
        .number({ error: 'expected a number' })
        .int('expected a whole number')
        .min(1, 'expected at least 1')
        .max(1_000_000),
    ).default(30),
    CALENDAR_MAX_CONCURRENT: optional(
      z.coerce
        .number({ error: 'expected a number' })
        .int('expected a whole number')
        .min(1, 'expected at least 1')
        .max(1000),
    ).default(4),
    /** Signs the listing's page tokens; replicas behind one address share it. */
    PAGE_TOKEN_KEY: optional(z.string().min(32, 'expected at least 32 characters')),
    /** Prometheus' bearer token for /metrics; unset, /metrics is off. */
    METRICS_TOKEN: optional(z.string().min(16, 'expected at least 16 characters')),
    LOG_LEVEL: optional(
      z.enum(logLevels, { error: `expected one of ${logLevels.join(', ')}` }),
    ).default('info'),
    /** How long in-flight activities and HTTP requests may take to finish on SIGTERM/SIGINT. */
    SHUTDOWN_GRACE_TIME: optional(duration).default(10_000),
    /** Who answers for this API, in its OpenAPI document (ADR /core/doc-openapi-contact). */
    API_CONTACT_NAME: optional(z.string().min(1).max(200)).default(DEFAULT_API_CONTACT.name),
    API_CONTACT_URL: optional(
      z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
    ).default(DEFAULT_API_CONTACT.url),
    API_CONTACT_EMAIL: optional(z.email({ error: 'expected an e-mail address' })).default(
      DEFAULT_API_CONTACT.email,
    ),
    ...reminderEnvironment,
    ...oidcEnvironment,
  })
  .superRefine(checkReminderEnvironment)
  .superRefine(checkOidcEnvironment)
  .superRefine((env, context) => {
    for (const name of ['WORKER_BUILD_ID', 'WORKER_SET_CURRENT_VERSION'] as const) {
      if (env[name] !== undefined && env.WORKER_DEPLOYMENT_NAME === undefined) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `${name} needs WORKER_DEPLOYMENT_NAME (Worker Versioning is off without it)`,
        });
      }
    }
    if ((env.TEMPORAL_TLS_CERT === undefined) !== (env.TEMPORAL_TLS_KEY === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY'],
        message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
      });
    }
  });

export interface Config {
  port: number;
  host: string;
  /** Set: use that cluster. Unset: launch the embedded dev server. */
  temporalAddress: string | undefined;
  namespace: string;
  taskQueue: string;
  embedded: {
    port: number;
    uiPort: number;
    dbFile: string;
    logFile: string;
    /** Whether the Web UI may terminate, signal, reset, start … (off: read-only). */
    uiWrites: boolean;
  };
  dataDir: string;
  tokensFile: string;
  /** Reminder delivery: a signed webhook and e-mail, each when configured. */
  reminders: ReminderConfig;
  /** Where operators reach the API: links in reminders and calendar entries. */
  publicBaseUrl: string;
  components: { api: boolean; worker: boolean };
  rateLimitPerMinute: number;
  calendar: { rateLimitPerMinute: number; maxConcurrent: number };
  /** Undefined: a key drawn per process (tokens do not survive a restart). */
  pageTokenKey: Buffer | undefined;
  /** Undefined: /metrics is off. */
  metricsToken: string | undefined;
  workerMetricsPort: number | undefined;
  /** Worker Versioning; undefined: an unversioned worker, as before. */
  workerDeployment: WorkerDeploymentConfig | undefined;
  logLevel: LogLevel;
  /** Milliseconds. */
  shutdownGraceTimeMs: number;
  /** How to reach a cluster (TEMPORAL_ADDRESS) beyond its address. */
  connection: {
    tls: boolean;
    apiKey: string | undefined;
    /** PEM files; unset when not given. */
    clientCertFile?: string;
    clientKeyFile?: string;
    caFile?: string;
    serverName?: string;
  };
  /** The keys every payload is sealed with, and whether plain payloads of older runs pass. */
  payloadCodec: { keys: PayloadKeySource; acceptPlain: boolean };
  /** The codec endpoint (`/codec`) for the Web UI and the CLI, and the UIs that may call it. */
  codecEndpoint: { url: string; corsOrigins: string[] };
  apiContact: ApiContact;
  /** OpenID Connect sign-in beside the token file; undefined without OIDC_ISSUER. */
  oidc: OidcSettings | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Variables whose values are credentials (SMTP_URL may carry user:password). */
const secretVariable = /SECRET|PASS|API_KEY|TOKEN|^SMTP_URL$|^PAYLOAD_KEYS/;

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.map(String).join('.');
        const given = env[name];
        // Errors reach logs: a secret is named, never echoed.
        const shown = given === undefined || secretVariable.test(name) ? '' : ` (got "${given}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const publicBaseUrl = e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${String(e.PORT)}`;
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(projectRoot, e.DATA_DIR);
  const uiHost = e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST;
  const tlsFiles = {
    ...(e.TEMPORAL_TLS_CERT ? { clientCertFile: resolve(e.TEMPORAL_TLS_CERT) } : {}),
    ...(e.TEMPORAL_TLS_KEY ? { clientKeyFile: resolve(e.TEMPORAL_TLS_KEY) } : {}),
    ...(e.TEMPORAL_TLS_CA ? { caFile: resolve(e.TEMPORAL_TLS_CA) } : {}),
    ...(e.TEMPORAL_TLS_SERVER_NAME ? { serverName: e.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  return {
    port: e.PORT,
    host: e.HOST,
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    embedded: {
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      dbFile: join(dataDir, 'temporal.sqlite'),
      logFile: join(dataDir, 'temporal-dev-server.log'),
      uiWrites: e.TEMPORAL_UI_WRITES === 'true',
    },
    dataDir,
    tokensFile: e.TOKENS_FILE ? resolve(e.TOKENS_FILE) : join(dataDir, 'tokens.json'),
    reminders: reminderConfigFrom(e, publicBaseUrl),
    publicBaseUrl,
    components: { api: e.COMPONENTS.includes('api'), worker: e.COMPONENTS.includes('worker') },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    calendar: {
      rateLimitPerMinute: e.CALENDAR_RATE_LIMIT_PER_MINUTE,
      maxConcurrent: e.CALENDAR_MAX_CONCURRENT,
    },
    pageTokenKey: e.PAGE_TOKEN_KEY === undefined ? undefined : Buffer.from(e.PAGE_TOKEN_KEY),
    metricsToken: e.METRICS_TOKEN,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    workerDeployment:
      e.WORKER_DEPLOYMENT_NAME === undefined
        ? undefined
        : {
            name: e.WORKER_DEPLOYMENT_NAME,
            buildId: e.WORKER_BUILD_ID,
            // The embedded server has one worker and nothing to roll out: it takes over at once.
            setCurrent:
              (e.WORKER_SET_CURRENT_VERSION ??
                (e.TEMPORAL_ADDRESS === undefined ? 'true' : 'false')) === 'true',
          },
    logLevel: e.LOG_LEVEL,
    shutdownGraceTimeMs: e.SHUTDOWN_GRACE_TIME,
    connection: {
      tls:
        e.TEMPORAL_TLS === undefined
          ? e.TEMPORAL_API_KEY !== undefined || Object.keys(tlsFiles).length > 0
          : e.TEMPORAL_TLS === 'true',
      apiKey: e.TEMPORAL_API_KEY,
      ...tlsFiles,
    },
    payloadCodec: {
      keys: {
        inline: e.PAYLOAD_KEYS,
        file: e.PAYLOAD_KEYS_FILE
          ? resolve(e.PAYLOAD_KEYS_FILE)
          : join(dataDir, 'payload-keys.json'),
        createIfMissing: e.TEMPORAL_ADDRESS === undefined,
      },
      acceptPlain: e.PAYLOAD_ACCEPT_PLAIN === 'true',
    },
    codecEndpoint: {
      url: `${publicBaseUrl.replace(/\/$/, '')}/codec`,
      // The embedded Web UI's origin, under both names a browser may use for loopback.
      corsOrigins: e.CODEC_CORS_ORIGINS ?? [
        `http://${uiHost}:${String(e.TEMPORAL_UI_PORT)}`,
        ...(uiHost === '127.0.0.1' ? [`http://localhost:${String(e.TEMPORAL_UI_PORT)}`] : []),
      ],
    },
    apiContact: { name: e.API_CONTACT_NAME, url: e.API_CONTACT_URL, email: e.API_CONTACT_EMAIL },
    oidc: oidcSettingsFrom(e),
  };
}
