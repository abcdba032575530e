import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultActors, ensureTokenFile, readTokenFile, TokenRegistry } from '../../server/tokens';

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

  const fileWith = (name: string, ...actors: Record<string, unknown>[]) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      JSON.stringify({
        tokens: actors.map((actor, i) => ({
          token: `token-${String(i)}-of-at-least-16-characters`,
          actor,
        })),
      }),
    );
    return path;
  };

  test('every operational manager has its own actor, bound to its organisation', () => {
    const obos = defaultActors().filter((actor) => actor.role === 'obo');
    expect(obos).toEqual([
      { id: 'obo-kadaster', role: 'obo', organisation: 'kadaster' },
      { id: 'obo-geonovum', role: 'obo', organisation: 'geonovum' },
      { id: 'obo-koop', role: 'obo', organisation: 'koop' },
    ]);
    const { file } = ensureTokenFile(join(dir, 'obos.json'));
    const registry = new TokenRegistry(file);
    const koop = file.tokens.find((t) => t.actor.id === 'obo-koop');
    expect(registry.actorFor(koop?.token ?? '')).toEqual({
      id: 'obo-koop',
      role: 'obo',
      organisation: 'koop',
    });
  });

  test('a file from before, with one "obo" for every OBO, is refused at start naming the fix', () => {
    const path = fileWith('old.json', { id: 'tbo', role: 'tbo' }, { id: 'obo', role: 'obo' });
    expect(() => readTokenFile(path)).toThrow(
      /tokens\.1\.actor\.organisation: an operational manager \(obo\) acts for one organisation: give this actor "organisation" \("kadaster", "geonovum", "koop" or another organisation's id\).*or delete the file to have it created again with obo-kadaster, obo-geonovum and obo-koop/,
    );
  });

  test('another organisation is an id of its own; only an OBO or the TBO is an organisation', () => {
    const path = fileWith(
      'own.json',
      { id: 'obo-rws', role: 'obo', organisation: 'rijkswaterstaat' },
      { id: 'tbo', role: 'tbo', organisation: 'kadaster' },
    );
    expect(readTokenFile(path).tokens.map((t) => t.actor.organisation)).toEqual([
      'rijkswaterstaat',
      'kadaster',
    ]);
    expect(() =>
      readTokenFile(fileWith('sbo.json', { id: 'sbo', role: 'sbo', organisation: 'bzk' })),
    ).toThrow(
      /tokens\.0\.actor\.organisation: only an operational manager \(obo\) or the tactical manager \(tbo\)/,
    );
    expect(() =>
      readTokenFile(fileWith('caps.json', { id: 'obo-x', role: 'obo', organisation: 'Kadaster' })),
    ).toThrow(/tokens\.0\.actor\.organisation: lower-case words joined by hyphens/);
    expect(() =>
      readTokenFile(fileWith('party.json', { id: 'obo-vng', role: 'obo', organisation: 'vng' })),
    ).toThrow(/a government \(rijk, vng, ipo, uvw\) is a party, not an organisation/);
  });
});
