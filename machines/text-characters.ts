/**
 * Characters no text of a run may hold: C0 and C1 control characters (tab, line feed and carriage
 * return only where a text has several lines) and the bidirectional embeddings, overrides and
 * isolates, which make a text read differently from what it holds ("Trojan Source"). They would
 * end up in the audit history, mails and the calendar feed, where they break or disguise lines.
 */

/** The names of U+0000 to U+001F, in order. */
const c0Names = (
  'NUL SOH STX ETX EOT ENQ ACK BEL BS TAB LF VT FF CR SO SI ' +
  'DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'
).split(' ');
const bidiNames: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};
/** Tab, line feed, carriage return: what a text of several lines may hold. */
const lineCharacters: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0d]);

/** Whether a text may not hold this UTF-16 code unit; `multiline` allows tab and line breaks. */
export function isForbiddenCharacter(code: number, multiline: boolean): boolean {
  if (code <= 0x1f) return !(multiline && lineCharacters.has(code));
  return (code >= 0x7f && code <= 0x9f) || bidiNames[code] !== undefined;
}

/** The first character a text may not hold, with its index, or undefined. */
export function firstForbidden(
  value: string,
  multiline: boolean,
): { index: number; code: number } | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (isForbiddenCharacter(code, multiline)) return { index, code };
  }
  return undefined;
}

/** "ESC (U+001B)", "RIGHT-TO-LEFT OVERRIDE (U+202E)". */
export function characterName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    code <= 0x1f
      ? c0Names[code]
      : code === 0x7f
        ? 'DEL'
        : code <= 0x9f
          ? 'C1 control character'
          : bidiNames[code];
  return name === undefined ? hex : `${name} (${hex})`;
}

/**
 * The text without the characters no text may hold, for output built from records that may
 * predate the check: line breaks become "\n" (where `multiline`), tabs a space.
 */
export function withoutForbidden(value: string, multiline: boolean): string {
  let out = '';
  const text = value.replace(/\r\n?/g, '\n');
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x09) out += ' ';
    else if (code === 0x0a) out += multiline ? '\n' : ' ';
    else if (!isForbiddenCharacter(code, multiline)) out += text.charAt(index);
  }
  return out;
}
