import type { Request } from 'express';
import { API_BASE } from './api-conventions';

/**
 * The route pattern a finished request matched, never the raw path: process ids must not become
 * metric labels, and logs group by it. By the time the response is finished Express has reset
 * baseUrl; the operator routes all live in the router mounted at API_BASE.
 */
export function routePatternOf(request: Request): string {
  const matched = request.route as { path?: unknown } | undefined;
  const path = typeof matched?.path === 'string' ? matched.path : undefined;
  if (path === undefined) return 'unmatched';
  if (!request.originalUrl.startsWith(`${API_BASE}/`) && request.originalUrl !== API_BASE) {
    return path;
  }
  return path === '/' ? API_BASE : `${API_BASE}${path}`;
}
