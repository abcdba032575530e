/**
 * Who pays what (seed §7, DOMAIN.md "Money"): the fixed task budget, the four governments' shares,
 * yearly indexation by the agencies' method, the ceiling and each party's payment route. Money is
 * in integer euro cents; rates in basis points (1 bp = 0.01 %), computed with BigInt so nothing is
 * lost to floating point.
 */
import type { Party } from '../actors';

export interface PartyContribution {
  party: Party;
  label: string;
  /** The share the seed states, in basis points (19 % = 1900). */
  statedShareBp: number;
  /** The seed's table for 2020 (Financieel akkoord), before indexation. */
  baseCents: number;
  route: string;
}

/**
 * The seed's table. Its amounts are the Financieel akkoord's and add up to €25.9m; the stated
 * percentages are rounded (19 % of €25.9m is €4.921m, the table says €5.0m). The amounts are what
 * the parties pay, so they are the base; the percentages are shown as stated.
 */
export const contributionTable: readonly PartyContribution[] = [
  {
    party: 'rijk',
    label: 'Rijk',
    statedShareBp: 1900,
    baseCents: 500_000_000,
    route: 'Rijk: via de interdepartementale regels',
  },
  {
    party: 'ipo',
    label: 'Provincies',
    statedShareBp: 600,
    baseCents: 160_000_000,
    route: 'Provincies: factuur via het IPO',
  },
  {
    party: 'vng',
    label: 'Gemeenten',
    statedShareBp: 7000,
    baseCents: 1_800_000_000,
    route: 'Gemeenten: uitname uit het Gemeentefonds',
  },
  {
    party: 'uvw',
    label: 'Waterschappen',
    statedShareBp: 500,
    baseCents: 130_000_000,
    route: 'Waterschappen: toegevoegd aan de bestaande factuur van BZK',
  },
];

/** The fixed task budget for 2020–2023 (§7.3) and the ceiling at scenario-3 ambition. */
export const TASK_BUDGET_CENTS = 2_590_000_000;
export const CEILING_CENTS = 5_700_000_000;
/** Contributions start on 1 January 2020 and are indexed yearly from 2020 (§7.1, §7.3). */
export const FIRST_CONTRIBUTION_YEAR = 2020;

/** The two CBS indices of one year and the weight of wages in the agencies' method. */
export interface IndexFigures {
  year: number;
  /** CBS "loonvoet sector overheid", basis points (2.35 % = 235). */
  wageIndexBp: number;
  /** CBS "prijs overheidsconsumptie", basis points. */
  priceIndexBp: number;
  /** Share of wages in the combination, basis points of the whole (80 % = 8000). */
  wageWeightBp: number;
}

const SCALE = 100_000_000n; // bp × bp

/** The year's combined rate, in units of 1e-8: wage weight × wage index + the rest × price index. */
export function combinedRate(figures: IndexFigures): bigint {
  const weight = BigInt(figures.wageWeightBp);
  return weight * BigInt(figures.wageIndexBp) + (10_000n - weight) * BigInt(figures.priceIndexBp);
}

/** Applies one year's rate to an amount, rounding half away from zero to whole cents. */
export function indexCents(cents: number, rate: bigint): number {
  const scaled = BigInt(cents) * (SCALE + rate);
  const half = SCALE / 2n;
  const rounded = scaled >= 0n ? (scaled + half) / SCALE : (scaled - half) / SCALE;
  return Number(rounded);
}

export interface Contributions {
  year: number;
  parties: (PartyContribution & { indexedCents: number })[];
  totalCents: number;
  ceilingCents: number;
  withinCeiling: boolean;
  /** True while a year's indices are missing: the amounts are not final yet. */
  provisional: boolean;
  /** Years from 2020 up to this one, each with its combined rate or null when not given yet. */
  indexation: { year: number; rateBp: number | null }[];
  /** Years whose indices are not known yet: the amounts are provisional until they are. */
  missingIndexYears: number[];
}

/**
 * Each party's contribution for a year: the table's amount indexed for every year from 2020 up to
 * and including that year, rounded to cents each year as budgets are.
 */
export function contributionsFor(year: number, indices: readonly IndexFigures[]): Contributions {
  const years: number[] = [];
  for (let y = FIRST_CONTRIBUTION_YEAR; y <= year; y++) years.push(y);
  const rates = years.map((y) => {
    const figures = indices.find((i) => i.year === y);
    return { year: y, rate: figures ? combinedRate(figures) : null };
  });
  const parties = contributionTable.map((entry) => ({
    ...entry,
    indexedCents: rates.reduce(
      (cents, { rate }) => (rate === null ? cents : indexCents(cents, rate)),
      entry.baseCents,
    ),
  }));
  const totalCents = parties.reduce((sum, p) => sum + p.indexedCents, 0);
  return {
    year,
    parties,
    totalCents,
    ceilingCents: CEILING_CENTS,
    withinCeiling: totalCents <= CEILING_CENTS,
    provisional: rates.some((r) => r.rate === null),
    indexation: rates.map(({ year: y, rate }) => ({
      year: y,
      rateBp: rate === null ? null : Number(rate) / 10_000,
    })),
    missingIndexYears: rates.filter((r) => r.rate === null).map((r) => r.year),
  };
}
