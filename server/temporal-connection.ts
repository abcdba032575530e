/**
 * How the API's client and the workers reach Temporal: plain to the embedded dev server; to a
 * cluster with TLS, a client certificate (mTLS) or an API key as configured. The payload codec
 * goes with every connection, so nothing reaches Temporal unsealed.
 */
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import type { Config } from './config';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | true;
  apiKey?: string;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${String(error)}`, { cause: error });
  }
}

/** Options for `Connection.connect` and `NativeConnection.connect`; files are read here, once. */
export function connectionOptions(
  address: string,
  settings: Config['connection'] | undefined,
): TemporalConnectionOptions {
  if (!settings?.tls) return { address };
  const tls: TLSConfig = {
    ...(settings.serverName ? { serverNameOverride: settings.serverName } : {}),
    ...(settings.caFile
      ? { serverRootCACertificate: readPem(settings.caFile, 'CA certificate (TEMPORAL_TLS_CA)') }
      : {}),
    ...(settings.clientCertFile && settings.clientKeyFile
      ? {
          clientCertPair: {
            crt: readPem(settings.clientCertFile, 'client certificate (TEMPORAL_TLS_CERT)'),
            key: readPem(settings.clientKeyFile, 'client key (TEMPORAL_TLS_KEY)'),
          },
        }
      : {}),
  };
  return {
    address,
    tls: Object.keys(tls).length > 0 ? tls : true,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  };
}

export function dataConverterWith(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}
