/**
 * Prometheus metrics of the API: requests by method, route and status, their duration, and the
 * Node process's own (memory, event loop, GC). The worker's Temporal metrics come from the SDK's
 * runtime on a port of their own (WORKER_METRICS_PORT), as the SDK exposes them.
 */
import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-errors';
import { routePatternOf } from './route-pattern';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  /** Counts and times every request; mount before the routes. */
  middleware: RequestHandler;
  /** Serves the registry in Prometheus' text format. */
  endpoint: RequestHandler;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * /metrics names every route's traffic and the Node version: only for Prometheus, which sends
 * METRICS_TOKEN as its bearer token (`authorization.credentials` in a scrape config).
 */
export function metricsAuthentication(metricsToken: string): RequestHandler {
  const expected = digest(metricsToken);
  return (request, response, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '');
    // Digests of equal length: the comparison says nothing about the token's length.
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    response.setHeader('WWW-Authenticate', 'Bearer realm="dso-lv-metrics"');
    next(new HttpError(401, 'unauthenticated', 'send "Authorization: Bearer <METRICS_TOKEN>"'));
  };
}

export function createApiMetrics(): ApiMetrics {
  // One registry per app: tests start several apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dso_lv_' });
  const requests = new Counter({
    name: 'dso_lv_http_requests_total',
    help: 'API requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'dso_lv_http_request_duration_seconds',
    help: 'API request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    middleware: (request, response, next) => {
      const stop = duration.startTimer();
      response.on('finish', () => {
        const route = routePatternOf(request);
        stop({ method: request.method, route });
        requests.inc({ method: request.method, route, status: String(response.statusCode) });
      });
      next();
    },
    endpoint: (_request, response, next) => {
      registry.metrics().then((text) => {
        response.type(registry.contentType).send(text);
      }, next);
    },
  };
}
