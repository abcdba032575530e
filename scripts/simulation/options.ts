/** The simulation's command line: every option zod-parsed, with the "what if" switches. */
import { z } from 'zod';
import { calendarDateSchema } from '../../machines/date-schemas';

const provisionIds = [
  'loket',
  'orienteren',
  'aanvragen-en-meldingen',
  'stelselcatalogus',
  'api-store',
  'stelselknooppunt',
] as const;

export const simulationOptionsSchema = z
  .object({
    /** Where the HTML timeline goes. */
    out: z.string().min(1).default('test-artifacts/simulation-2019-2028.html'),
    /** What if the Act takes effect on another day: the OGB Beheer's meeting cadence moves. */
    actDate: calendarDateSchema.default('2021-01-01'),
    /** What if this provision is reported ready only after the phase-1 deadline (1 July 2019). */
    lateProvision: z.enum([...provisionIds, 'none']).default('none'),
    /** What if the BO does not ratify the 2022 re-selection: the escalation ladder takes over. */
    failedConsensus: z.enum(['none', 'reselection']).default('none'),
    /** The P&C years driven (the full arrangement: 2020–2028). */
    pcFrom: z.coerce.number().int().min(2020).max(2028).default(2020),
    pcTo: z.coerce.number().int().min(2020).max(2028).default(2028),
    /** Print a line per step. */
    quiet: z.boolean().default(false),
  })
  .strict()
  .refine((o) => o.pcFrom <= o.pcTo, { error: 'pcFrom must not be after pcTo', path: ['pcTo'] });
export type SimulationOptions = z.output<typeof simulationOptionsSchema>;
export const provisions: readonly string[] = provisionIds;

const flagNames: Record<string, keyof SimulationOptions> = {
  '--out': 'out',
  '--act-date': 'actDate',
  '--late-provision': 'lateProvision',
  '--failed-consensus': 'failedConsensus',
  '--pc-from': 'pcFrom',
  '--pc-to': 'pcTo',
};

/** `--name value` pairs and `--quiet`; anything else is refused with the flags that exist. */
export function parseArguments(argv: readonly string[]): SimulationOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quiet') {
      raw.quiet = true;
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const name = flagNames[flag];
    if (!name) {
      throw new Error(
        `unknown argument ${arg}; use ${Object.keys(flagNames).join(', ')} or --quiet`,
      );
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    raw[name] = value;
  }
  const parsed = simulationOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map((i) => {
          const key = String(i.path[0] ?? '');
          const flag = Object.keys(flagNames).find((f) => flagNames[f] === key) ?? key;
          return `${flag} (${key}): ${i.message}`;
        })
        .join('; '),
    );
  }
  return parsed.data;
}
