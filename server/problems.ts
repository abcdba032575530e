/**
 * The API's problem types (RFC 9457, as the NL API Design Rules ask): one stable `type` URI per
 * rule that can refuse a request, with the Dutch title operators read. The product's own `code`
 * (e.g. "invalid_body") stays as an extension member, so clients that branch on it keep working.
 */

/** A URN, not a URL: the type names the rule and must not change with where the API is hosted. */
export const PROBLEM_TYPE_PREFIX = 'urn:dso-lv:problem:';

export interface ProblemType {
  readonly status: number;
  /** The same for every occurrence of the type (RFC 9457 §3.1.3), in Dutch. */
  readonly title: string;
  /** What the rule is, in English, for the OpenAPI document and the README. */
  readonly description: string;
}

export const problemTypes = {
  'invalid-input': {
    status: 400,
    title: 'Ongeldige invoer',
    description: 'A field, parameter, header or the body is not valid; `errors` lists each one.',
  },
  'limit-of-the-arrangement': {
    status: 400,
    title: 'Buiten de grenzen van het beheerarrangement',
    description: 'The request asks for more than the arrangement allows (e.g. a date too late).',
  },
  'not-in-proposal': {
    status: 400,
    title: 'Niet in het voorstel',
    description: 'The organisation or party named is not part of the proposal being decided.',
  },
  unauthenticated: {
    status: 401,
    title: 'Niet aangemeld',
    description: 'No bearer token, or one this API does not know.',
  },
  'wrong-role': {
    status: 403,
    title: 'Niet toegestaan voor deze rol',
    description: "The caller's role may not do this.",
  },
  'wrong-party': {
    status: 403,
    title: 'Alleen de eigen partij of organisatie mag dit',
    description: 'The caller acts for another government or organisation than the one named.',
  },
  'not-found': {
    status: 404,
    title: 'Niet gevonden',
    description: 'No such process, kind, deadline or route.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Gevraagd formaat niet beschikbaar',
    description: 'The Accept header asks for a format this resource does not have.',
  },
  'missing-earlier-step': {
    status: 409,
    title: 'Eerst moet een eerdere stap gebeuren',
    description: 'The process needs an earlier step first (e.g. the advice before the criteria).',
  },
  'state-does-not-allow': {
    status: 409,
    title: 'Niet mogelijk in deze stand van het proces',
    description: 'The current state of the process does not take this event or change.',
  },
  'already-exists': {
    status: 409,
    title: 'Bestaat al',
    description: 'A process of this kind for this business key already exists.',
  },
  'process-ended': {
    status: 409,
    title: 'Proces is afgerond',
    description: 'The process has ended and takes no more events.',
  },
  'body-too-large': {
    status: 413,
    title: 'Verzoek te groot',
    description: 'The body is larger than the API accepts.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Formaat niet ondersteund',
    description: 'The body is not JSON in UTF-8, or its encoding is unknown.',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key al gebruikt voor een ander verzoek',
    description: 'The Idempotency-Key was used before for a different request.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Te veel verzoeken',
    description: 'Too many requests from this caller; Retry-After says when to try again.',
  },
  internal: {
    status: 500,
    title: 'Interne fout',
    description: 'An unexpected error; the request id in X-Request-Id finds it in the logs.',
  },
  'not-ready': {
    status: 503,
    title: 'Niet beschikbaar',
    description: 'Temporal does not answer; try again later.',
  },
} as const satisfies Record<string, ProblemType>;
export type ProblemSlug = keyof typeof problemTypes;

/** The problem type of each of the API's own error codes, where the code alone decides it. */
const slugOfCode: Record<string, ProblemSlug> = {
  invalid_body: 'invalid-input',
  invalid_event: 'invalid-input',
  invalid_header: 'invalid-input',
  invalid_id: 'invalid-input',
  invalid_json: 'invalid-input',
  invalid_query: 'invalid-input',
  invalid_page_token: 'invalid-input',
  unauthenticated: 'unauthenticated',
  forbidden: 'wrong-role',
  forbidden_party: 'wrong-party',
  not_found: 'not-found',
  unknown_kind: 'not-found',
  unknown_deadline: 'not-found',
  moved: 'not-found',
  not_acceptable: 'not-acceptable',
  not_allowed_in_state: 'state-does-not-allow',
  missing_earlier_step: 'missing-earlier-step',
  not_in_proposal: 'not-in-proposal',
  limit_of_the_arrangement: 'limit-of-the-arrangement',
  already_started: 'already-exists',
  process_completed: 'process-ended',
  body_too_large: 'body-too-large',
  unsupported_media_type: 'unsupported-media-type',
  idempotency_key_reused: 'idempotency-key-reused',
  rate_limited: 'too-many-requests',
  internal: 'internal',
  not_ready: 'not-ready',
};

/** The slug for a code, falling back on the status where the code names no rule of its own. */
export function problemSlugFor(code: string, status: number): ProblemSlug {
  const known = slugOfCode[code];
  if (known) return known;
  const byStatus = (Object.entries(problemTypes) as [ProblemSlug, ProblemType][]).find(
    ([, type]) => type.status === status,
  );
  return byStatus?.[0] ?? (status >= 500 ? 'internal' : 'invalid-input');
}

export const problemTypeUri = (slug: ProblemSlug): string => `${PROBLEM_TYPE_PREFIX}${slug}`;

/** One invalid field, parameter or header of a 400 answer. */
export interface InvalidParam {
  /** Dotted path within its location, e.g. "findings" or "figures.year". */
  name: string;
  in: 'body' | 'query' | 'path' | 'header';
  /** zod's issue code, e.g. "invalid_type", "too_small". */
  code: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: InvalidParam[];
  details?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
