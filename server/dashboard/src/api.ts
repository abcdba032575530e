/** The operator API as the dashboard calls it: the bearer token from the session, JSON in and out. */
import type { InboxItem } from '../../inbox';
import type { Statechart } from '../../statechart';
import type {
  AuditEntry,
  EventResult,
  ProcessSummary,
  ProcessView,
} from '../../../workflows/contract';
import { session } from './session';

export type { InboxItem, ProcessSummary };

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
    /** The problem's `errors`: each invalid field, named by its dotted path. */
    readonly errors: { name: string; code: string; detail: string }[] = [],
  ) {
    super(message);
  }
}

/** The `errors` of a problem answer, as far as they have the documented shape. */
function fieldErrorsOf(answer: Record<string, unknown>): ApiError['errors'] {
  if (!Array.isArray(answer.errors)) return [];
  return answer.errors.flatMap((entry: unknown) => {
    const { name, code, detail } = (entry ?? {}) as Record<string, unknown>;
    return typeof name === 'string' && typeof detail === 'string'
      ? [{ name, code: typeof code === 'string' ? code : 'invalid', detail }]
      : [];
  });
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
    throw new ApiError(response.status, code, message, fieldErrorsOf(answer));
  }
  return answer as T;
}

export interface KindInfo {
  kind: string;
  title: string;
  events: Record<string, { label: string; roles: string[] }>;
}

export type Filters = Partial<
  Record<'kind' | 'state' | 'businessKey' | 'party' | 'overdue' | 'status' | 'pageToken', string>
>;

function queryOf(filters: Filters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Dutch names of roles, governments and organisations, as `GET /kinds` gives them. */
export interface WhoLabels {
  roles: Record<string, string>;
  parties: Record<string, string>;
  organisations: Record<string, string>;
}

const charts = new Map<string, Promise<Statechart>>();
let kinds: Promise<KindInfo[]> | undefined;
let whoLabels: Promise<WhoLabels> | undefined;

export const api = {
  kinds: (): Promise<KindInfo[]> =>
    (kinds ??= call<{ kinds: KindInfo[] }>('GET', `${BASE}/kinds`).then((answer) => answer.kinds)),
  whoLabels: (): Promise<WhoLabels> =>
    (whoLabels ??= call<Partial<WhoLabels>>('GET', `${BASE}/kinds`).then((answer) => ({
      roles: answer.roles ?? {},
      parties: answer.parties ?? {},
      organisations: answer.organisations ?? {},
    }))),
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
  inbox: () => call<{ items: InboxItem[] }>('GET', `${BASE}/inbox`),
  /** The paged history (`after` = an entry's seq); diagram-history.ts falls back to the view's. */
  history: (id: string, after: number | null, pageSize: number) =>
    call<{ entries: AuditEntry[]; total: number; nextAfter: number | null }>(
      'GET',
      `${BASE}/processes/${encodeURIComponent(id)}/history?${new URLSearchParams({
        ...(after === null ? {} : { after: String(after) }),
        pageSize: String(pageSize),
      }).toString()}`,
    ),
  send: (id: string, event: Record<string, unknown>) =>
    call<EventResult>('POST', `${kindProcessPath(id)}/events`, event),
  // The forms' calls (forms/): only `state` and `status` of their answers are relied on.
  start: (kind: string, body: Record<string, unknown>) =>
    call<{ id?: string }>('POST', `${BASE}/kinds/${encodeURIComponent(kind)}/processes`, body),
  changeDeadline: (id: string, deadlineId: string, action: string, body: Record<string, unknown>) =>
    call<{ status?: string }>(
      'POST',
      `${kindProcessPath(id)}/deadlines/${encodeURIComponent(deadlineId)}/${action}`,
      body,
    ),
};
