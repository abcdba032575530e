import type { Request } from 'express';

/**
 * The route pattern a finished request matched, never the raw path: process ids must not become
 * metric labels, and logs group by it. By the time the response is finished Express has reset
 * baseUrl; the operator routes all live under /api, mounted there or declared with it.
 */
export function routePatternOf(request: Request): string {
  const matched = request.route as { path?: unknown } | undefined;
  const path = typeof matched?.path === 'string' ? matched.path : undefined;
  if (path === undefined) return 'unmatched';
  return path.startsWith('/api') || !request.originalUrl.startsWith('/api/') ? path : `/api${path}`;
}
