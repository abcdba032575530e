/** Prints the API's OpenAPI document, as /api/v1/openapi.json serves it (for linters and generators). */
import { buildOpenApiDocument } from '../server/openapi/document';

process.stdout.write(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
