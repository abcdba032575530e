/** The operator API as the dashboard calls it: the bearer token from the session, JSON in and out. */
import type { Statechart } from '../../statechart';
import type { ProcessSummary, ProcessView } from '../../../workflows/contract';
import { session } from './session';

export type { ProcessSummary };

/** The API's base path: its major version (ADR /core/uri-version). */
const BASE = '/api/v1';

/** Events go to the run under its kind: `/kinds/{kind}/processes/{key}`. */
function kindProcessPath(id: string): string {
  const colon = id.indexOf(':');
  return `${BASE}/kinds/${encodeURIComponent(id.slice(0, colon))}/processes/${encodeURIComponent(id.slice(colon + 1))}`;
}

// The credential lives in session.ts (kept across tabs; a token or an OpenID access token).
export { session };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    // Lets the API recognise a retried submission instead of applying it twice.
    headers['idempotency-key'] = crypto.randomUUID();
  }
  const response = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // A problem (RFC 9457): `detail` for people, the product's own `code` for the page.
    const message = typeof answer.detail === 'string' ? answer.detail : response.statusText;
    const code = typeof answer.code === 'string' ? answer.code : 'error';
    throw new ApiError(response.status, code, message);
  }
  return answer as T;
}

export interface KindInfo {
  kind: string;
  title: string;
  events: Record<string, { label: string; roles: string[] }>;
}

export type Filters = Partial<
  Record<'kind' | 'state' | 'businessKey' | 'overdue' | 'status' | 'pageToken', string>
>;

function queryOf(filters: Filters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

const charts = new Map<string, Promise<Statechart>>();
let kinds: Promise<KindInfo[]> | undefined;

export const api = {
  kinds: (): Promise<KindInfo[]> =>
    (kinds ??= call<{ kinds: KindInfo[] }>('GET', `${BASE}/kinds`).then((answer) => answer.kinds)),
  statechart(kind: string): Promise<Statechart> {
    let chart = charts.get(kind);
    if (!chart) {
      chart = call<Statechart>('GET', `${BASE}/kinds/${encodeURIComponent(kind)}/statechart`);
      charts.set(kind, chart);
    }
    return chart;
  },
  /** Tolerates a paged answer: `nextPageToken` is passed back as `pageToken`. */
  processes: (filters: Filters) =>
    call<{ processes: ProcessSummary[]; nextPageToken?: string | null }>(
      'GET',
      `${BASE}/processes${queryOf(filters)}`,
    ),
  view: (id: string) => call<ProcessView>('GET', `${BASE}/processes/${encodeURIComponent(id)}`),
  send: (id: string, event: Record<string, unknown>) =>
    call<ProcessView>('POST', `${kindProcessPath(id)}/events`, event),
};
