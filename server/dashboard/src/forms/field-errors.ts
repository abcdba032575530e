/**
 * The API's problem answers in Dutch: a field's `errors[]` entry as a message at that field, and
 * a refusal without a field as one sentence for the form. The API speaks English to developers;
 * the operator reads what to do.
 */
import { ApiError } from '../api';

/** What the API says of one field (`errors[]` of a problem, RFC 9457 "invalid-params" style). */
export interface FieldProblem {
  name: string;
  code: string;
  detail: string;
}

const known: [RegExp, (match: RegExpMatchArray) => string][] = [
  [
    /expected string to have >=1 characters|received undefined|is required/i,
    () => 'Vul dit veld in.',
  ],
  [/expected string to have >=(\d+)/i, (m) => `Vul ten minste ${m[1] ?? ''} tekens in.`],
  [/expected string to have <=(\d+)/i, (m) => `Ten hoogste ${m[1] ?? ''} tekens.`],
  [/expected array to have >=(\d+)/i, (m) => `Voeg er ten minste ${m[1] ?? ''} toe.`],
  [/expected array to have <=(\d+)/i, (m) => `Ten hoogste ${m[1] ?? ''}.`],
  [
    /expected number to be >(=?)(-?[\d.e+]+)/i,
    (m) => `Ten minste ${m[1] ? '' : 'meer dan '}${m[2] ?? ''}.`,
  ],
  [
    /expected number to be <(=?)(-?[\d.e+]+)/i,
    (m) => `Ten hoogste ${m[1] ? '' : 'minder dan '}${m[2] ?? ''}.`,
  ],
  [/expected int/i, () => 'Vul een geheel getal in.'],
  [/invalid option|expected one of/i, () => 'Kies een van de mogelijkheden.'],
  [/unrecognized key/i, () => 'Dit veld hoort hier niet.'],
  [/negative verdict names the defects/i, () => 'Een negatief oordeel noemt de gevonden gebreken.'],
  [/either until .* or days/i, () => 'Geef een nieuwe datum óf een aantal dagen.'],
  [/unit goes with days/i, () => 'Soort dagen hoort bij een aantal dagen.'],
  [/reason is required/i, () => 'Geef een reden.'],
  [/control characters|bidirectional/i, () => 'Dit veld bevat een teken dat niet is toegestaan.'],
  [/YYYY-MM-DD|date|datum/i, () => 'Vul een geldige datum in.'],
  [/invalid string: must match pattern/i, () => 'Deze waarde heeft niet de juiste vorm.'],
];

/** A field's problem in Dutch; a sentence the API gave in Dutch is kept as it is. */
export function dutchFieldMessage(problem: FieldProblem): string {
  for (const [pattern, message] of known) {
    const match = problem.detail.match(pattern);
    if (match) return message(match);
  }
  return 'Deze waarde wordt niet geaccepteerd.';
}

const byCode: Record<string, string> = {
  process_completed: 'Het proces is afgerond en neemt geen acties meer aan.',
  not_found: 'Dit proces of deze termijn bestaat niet (meer).',
  unknown_deadline: 'Deze termijn bestaat niet (meer).',
  already_started: 'Er loopt al een proces met dit kenmerk.',
  idempotency_conflict: 'Dit verzoek is al eerder met andere gegevens verstuurd; probeer opnieuw.',
  rate_limited: 'Te veel verzoeken achter elkaar; probeer het over een minuut opnieuw.',
};

const byStatus: Record<number, string> = {
  400: 'De gegevens zijn niet in orde.',
  401: 'U bent niet (meer) aangemeld.',
  403: 'U mag dit niet doen met uw rol of namens uw organisatie.',
  404: 'Dit proces bestaat niet (meer).',
  409: 'Dit kan nu niet (meer) in deze stand van het proces; de pagina is bijgewerkt.',
  422: 'Dit verzoek is al eerder met andere gegevens verstuurd; probeer opnieuw.',
  429: 'Te veel verzoeken achter elkaar; probeer het over een minuut opnieuw.',
};

/** One Dutch sentence for a refusal as a whole (its fields are shown at the fields). */
export function dutchRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return 'De server is niet bereikbaar; probeer het opnieuw.';
  return (
    byCode[error.code] ??
    byStatus[error.status] ??
    (error.status >= 500
      ? 'Er ging iets mis op de server; probeer het later opnieuw.'
      : 'Geweigerd.')
  );
}
