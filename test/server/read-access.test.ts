/** The read matrix as a table, and its agreement with what each kind lets a role do. */
import { roles, type Actor, type Role } from '../../machines/actors';
import { DEFAULT_DEADLINE_ROLES } from '../../machines/process-definition';
import { definitionOf, processKinds } from '../../machines/registry';
import { HttpError } from '../../server/http-errors';
import { assertMayRead, mayRead, readableKinds, readRoles } from '../../server/read-access';

const actor = (role: Role): Actor => ({ id: role, role });

const everyKind = [
  'acceptance',
  'acceptance-programme',
  'decision',
  'sbo-decision',
  'reselection',
  'escalation',
  'pc-cycle',
  'obligation',
];

/** The kinds each role reads, as the README's matrix states them. */
const expected: Record<Role, string[]> = {
  minister: everyKind,
  bo: everyKind,
  ogb: everyKind,
  sbo: everyKind,
  tbo: [
    'acceptance',
    'acceptance-programme',
    'reselection',
    'escalation',
    'pc-cycle',
    'obligation',
  ],
  obo: [
    'acceptance',
    'acceptance-programme',
    'reselection',
    'escalation',
    'pc-cycle',
    'obligation',
  ],
  programme: ['acceptance', 'acceptance-programme', 'obligation'],
  developer: ['acceptance', 'acceptance-programme', 'obligation'],
};

test.each(roles.map((role) => [role, expected[role]] as const))('%s reads %j', (role, kinds) => {
  expect(readableKinds(actor(role)).sort()).toEqual([...kinds].sort());
});

test('the matrix names every kind, and no other', () => {
  expect(Object.keys(readRoles).sort()).toEqual([...processKinds].sort());
});

test('whoever may start or act on a kind may read it', () => {
  for (const kind of processKinds) {
    const definition = definitionOf(kind);
    const acting = new Set<Role>([
      ...definition.startRoles,
      ...Object.values(definition.events).flatMap((event) => event.roles),
    ]);
    for (const role of acting)
      expect([kind, role, mayRead(actor(role), kind)]).toEqual([kind, role, true]);
  }
});

test('deadline roles meet the matrix: the TBO may not move a decision it may not read', () => {
  // The API refuses a deadline change on an unreadable run (server/app.ts), whatever the kind's
  // deadline roles say; these are the roles it leaves out. (The re-selection's deadlines are the
  // SBO's and the BO's alone: the TBO is bound by them, deadline-rules.ts.)
  const cut = processKinds.flatMap((kind) =>
    (definitionOf(kind).deadlineRoles ?? DEFAULT_DEADLINE_ROLES)
      .filter((role) => !mayRead(actor(role), kind))
      .map((role) => `${kind}:${role}`),
  );
  expect(cut.sort()).toEqual(['decision:tbo', 'sbo-decision:tbo']);
});

test('a kind the matrix does not know is read by no one, and the system reads nothing', () => {
  expect(mayRead(actor('sbo'), 'unknown')).toBe(false);
  expect(mayRead({ id: 'temporal', role: 'system' }, 'acceptance')).toBe(false);
});

test('reading a run of an unreadable kind is refused with 403, whatever the key', () => {
  expect(() => assertMayRead(actor('developer'), 'pc-cycle:2031')).toThrow(
    expect.objectContaining({ status: 403, code: 'not_readable' }) as HttpError,
  );
  expect(() => assertMayRead(actor('developer'), 'acceptance:loket')).not.toThrow();
  // An unknown kind is left to the lookup, which answers 404.
  expect(() => assertMayRead(actor('developer'), 'onbekend:x')).not.toThrow();
});
