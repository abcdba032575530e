/** Where a run lives in the API, from its id "kind:businessKey". */
import { API_BASE } from './api-conventions';

export const processIdFor = (kind: string, businessKey: string) => `${kind}:${businessKey}`;

/** The run's own resource, `/api/v1/processes/{id}`. */
export const processPath = (id: string) => `${API_BASE}/processes/${encodeURIComponent(id)}`;

/** The run under its kind, where events and deadline changes are sent. */
export function kindProcessPath(id: string): string {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  const key = id.slice(colon + 1);
  return `${API_BASE}/kinds/${encodeURIComponent(kind)}/processes/${encodeURIComponent(key)}`;
}
