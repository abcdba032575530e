/** Amounts as operators type and read them (euros, Dutch notation) and as the API keeps them (cents). */

/**
 * "1.234,56", "1234,5", "1234.56" or "€ 12" → cents. A single dot followed by one or two digits
 * is a decimal point (as typed on a numeric keypad); otherwise dots group thousands.
 */
export function centsOf(text: string): number | undefined {
  const plain = text.replace(/[€\s]/g, '');
  if (plain === '') return undefined;
  const normalised = /^\d+\.\d{1,2}$/.test(plain)
    ? plain
    : plain.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return Number.NaN;
  const [whole = '0', fraction = ''] = normalised.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const euros = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Cents → "1.234,56", the value a money field shows. */
export const eurosOf = (cents: number): string => euros.format(cents / 100);
