/**
 * The JSON body parser of the API: at most 100 kB, UTF-8 only, and nested at most MAX_JSON_DEPTH
 * levels, so that a small body cannot make a payload Temporal refuses to convert (a 500 before).
 */
import express, { type RequestHandler } from 'express';

export const MAX_BODY = '100kb';
/** Deeper than any event or start body of the product (they nest three or four levels). */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of objects and arrays in a JSON text, strings skipped. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return deepest;
}

class TooDeep extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  readonly expose = true;
}

export function jsonBody(): RequestHandler {
  return express.json({
    limit: MAX_BODY,
    verify: (_request, _response, buffer) => {
      if (jsonDepth(buffer.toString('utf8')) > MAX_JSON_DEPTH) {
        throw new TooDeep(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
      }
    },
  });
}
