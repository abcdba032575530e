import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTokenFile, readTokenFile, TokenRegistry } from '../../server/tokens';

describe('operator tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-tokens-'));

  test('the token file is created on first start, private, with one token per actor, and reused', () => {
    const path = join(dir, 'tokens.json');
    const first = ensureTokenFile(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const roles = new Set(first.file.tokens.map((t) => t.actor.role));
    expect([...roles].sort()).toEqual([
      'bo',
      'developer',
      'minister',
      'obo',
      'ogb',
      'programme',
      'sbo',
      'tbo',
    ]);
    const second = ensureTokenFile(path);
    expect(second.created).toBe(false);
    expect(second.file).toEqual(first.file);
  });

  test('a token maps to its actor; an unknown token to nobody', () => {
    const { file } = ensureTokenFile(join(dir, 'lookup.json'));
    const registry = new TokenRegistry(file);
    const entry = file.tokens.find((t) => t.actor.id === 'ogb-vng');
    expect(registry.actorFor(entry?.token ?? '')).toEqual({
      id: 'ogb-vng',
      role: 'ogb',
      party: 'vng',
    });
    expect(registry.actorFor('guess')).toBeUndefined();
  });

  test('a malformed token file is refused with the reason', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({ tokens: [{ token: 'short', actor: { id: 'x', role: 'king' } }] }),
    );
    expect(() => readTokenFile(path)).toThrow(
      /tokens\.0\.token: a token has at least 16 characters/,
    );
  });
});
