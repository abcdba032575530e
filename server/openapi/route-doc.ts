/** How one route is described for the OpenAPI document: the zod schemas its handler uses. */
import type { z } from 'zod';

/** A JSON Schema written by hand (e.g. a $ref), where no single zod schema says it. */
export type JsonSchema = Record<string, unknown>;
export type SchemaSource = z.ZodType | JsonSchema;

export interface ResponseDoc {
  description: string;
  schema?: SchemaSource;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as express has it, e.g. "/api/processes/:id/events". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** No bearer token needed (health, readiness, metrics, this document). */
  public?: boolean;
  /** Path parameters by name. */
  params?: Record<string, z.ZodType>;
  /** The query string, as one zod object schema. */
  query?: z.ZodType;
  /** Request headers by name. */
  headers?: Record<string, z.ZodType>;
  body?: SchemaSource;
  responses: Record<number, ResponseDoc>;
}

/** Express ":id" → OpenAPI "{id}". */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
