/**
 * Serves the OpenAPI document at /api/v1/openapi.json — without a token and readable from any
 * origin, as /core/publish-openapi asks — and Swagger UI at /docs, from the installed
 * swagger-ui-dist (no CDN: operators' networks may have no internet).
 */
import express, { type Router } from 'express';
import { dirname, join } from 'node:path';
import { API_BASE } from '../api-conventions';
import type { ApiContact } from './contact';
import { buildOpenApiDocument } from './document';

/** Swagger UI's own start-up script, pointed at this API's document instead of the pet store. */
const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '${API_BASE}/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/** The files Swagger UI's page loads, and nothing else of the package (no maps, no package.json). */
const SWAGGER_FILES = [
  'index.html',
  'index.css',
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
];

export function mountOpenApi(app: express.Express, api: Router, contact?: ApiContact): void {
  const document = buildOpenApiDocument(undefined, contact);
  api.get('/openapi.json', (_request, response) => {
    response.set('Access-Control-Allow-Origin', '*');
    response.json(document);
  });
  app.get('/docs/swagger-initializer.js', (_request, response) => {
    response.type('application/javascript').send(initializer);
  });
  const directory = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.get('/docs', (_request, response) => {
    response.redirect(301, '/docs/');
  });
  app.get(['/docs/', ...SWAGGER_FILES.map((file) => `/docs/${file}`)], (request, response) => {
    const file = request.path === '/docs/' ? 'index.html' : request.path.slice('/docs/'.length);
    response.sendFile(join(directory, file));
  });
}
