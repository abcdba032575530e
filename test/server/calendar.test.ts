/**
 * The calendar feed never carries control or bidi formatting characters, whatever a run's texts
 * hold (records may predate the inputs' check): its only line breaks are the format's own CRLF.
 */
import fc from 'fast-check';
import { isForbiddenCharacter } from '../../machines/text-characters';
import type { ProcessView } from '../../workflows/contract';
import { buildCalendar, entryOfView } from '../../server/calendar';

function view(texts: { summary: string; label: string; key: string; event: string }): ProcessView {
  return {
    id: `escalation:${texts.key}`,
    kind: 'escalation',
    title: 'Escalatie en geschilbeslechting',
    businessKey: texts.key,
    status: 'running',
    state: ['ogb'],
    stateLabels: ['OGB Beheer'],
    tags: [],
    summary: texts.summary,
    context: {},
    allowedEvents: [{ type: 'RESOLVE', label: texts.event, role: 'ogb', party: 'vng' }],
    deadlines: [
      {
        id: 'ogb',
        label: texts.label,
        due: '2025-03-01T09:30:00.000Z',
        remindDaysBefore: [7],
        moment: false,
        status: 'running',
        reminders: [{ daysBefore: 7, scheduledFor: '2025-02-22T09:30:00.000Z', status: 'planned' }],
      },
      {
        id: 'bo',
        label: texts.label,
        due: '2025-06-30T22:00:00.000Z',
        remindDaysBefore: [],
        moment: false,
        status: 'suspended',
        reminders: [],
      },
    ],
    children: [],
    output: null,
    nextDeadline: '2025-03-01T09:30:00.000Z',
    overdue: false,
    history: [],
    historyCount: 0,
    startedAt: '2025-01-01T09:30:00.000Z',
    startedBy: { id: 'sbo', role: 'sbo' },
    updatedAt: '2025-01-01T09:30:00.000Z',
  };
}

/** The characters of the feed that are neither text nor its CRLF line ends. */
const strayCharacters = (ics: string) =>
  Array.from(ics.replace(/\r\n/g, ''), (c) => c.charCodeAt(0)).filter((code) =>
    isForbiddenCharacter(code, false),
  );

const hostile = fc.string({
  unit: fc.constantFrom(
    'a',
    'é',
    ' ',
    '\u0000',
    '\u0007',
    '\t',
    '\n',
    '\r',
    '\u000b',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u202a',
    '\u202e',
    '\u2066',
    '\u2069',
  ),
  maxLength: 40,
});

test('whatever the texts of a run hold, the feed holds no control or bidi characters', () => {
  fc.assert(
    fc.property(hostile, hostile, hostile, hostile, (summary, label, key, event) => {
      const ics = buildCalendar(
        [entryOfView(view({ summary, label, key, event }))],
        {},
        'https://dso-lv.example',
      );
      expect(strayCharacters(ics)).toEqual([]);
      expect(ics).toContain('BEGIN:VEVENT');
    }),
  );
});

test('the texts stay readable: overrides removed, line breaks kept where the field has lines', () => {
  const ics = buildCalendar(
    [
      entryOfView(
        view({
          summary: 'Wie betaalt\u202e?tlaatbeb\u202c\r\nde koppeling',
          label: 'Termijn\u001b[31m in het OGB Beheer',
          key: 'kosten',
          event: 'Geschil\toplossen',
        }),
      ),
    ],
    {},
    'https://dso-lv.example',
  );
  const unfolded = ics.replace(/\r\n /g, '');
  expect(unfolded).toContain(
    'SUMMARY:Termijn[31m in het OGB Beheer – Escalatie en geschilbeslechting kosten',
  );
  expect(unfolded).toContain('Stand: Wie betaalt?tlaatbeb\\nde koppeling');
  expect(unfolded).toContain('Geschil oplossen');
  expect(strayCharacters(ics)).toEqual([]);
});
