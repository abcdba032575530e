/**
 * Serves the OpenAPI document at /api/openapi.json and Swagger UI at /docs, from the installed
 * swagger-ui-dist (no CDN: operators' networks may have no internet).
 */
import express from 'express';
import { dirname } from 'node:path';
import { buildOpenApiDocument } from './document';

/** Swagger UI's own start-up script, pointed at this API's document instead of the pet store. */
const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

export function mountOpenApi(app: express.Express): void {
  const document = buildOpenApiDocument();
  app.get('/api/openapi.json', (_request, response) => {
    response.json(document);
  });
  app.get('/docs/swagger-initializer.js', (_request, response) => {
    response.type('application/javascript').send(initializer);
  });
  app.use('/docs', express.static(dirname(require.resolve('swagger-ui-dist/package.json'))));
}
