/**
 * The operational managers (OBOs) the product knows, in one place: the default tokens, the P&C
 * cycle's default list and the labels come from here. Seed §6.5 names no organisation; it lays
 * operational management with "the organisations that develop the provision now". These three are
 * the product's example; another organisation needs no entry, only a token with its id.
 */
import type { Actor } from './actors';

export interface KnownOrganisation {
  readonly id: string;
  /** The name operators know it by (and the P&C cycle lists). */
  readonly label: string;
  /** Other names a payload may use for it. */
  readonly aliases: readonly string[];
}

export const operationalManagers: readonly KnownOrganisation[] = [
  { id: 'kadaster', label: 'Kadaster', aliases: ['Het Kadaster'] },
  { id: 'geonovum', label: 'Geonovum', aliases: [] },
  {
    id: 'koop',
    label: 'KOOP',
    aliases: ['Kennis- en Exploitatiecentrum Officiële Overheidspublicaties'],
  },
];

const normalised = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * The id of the organisation a payload names ("Kadaster", "KOOP", "Rijkswaterstaat"): a known
 * one's id, or else the name in lower-case words joined by hyphens ("rijkswaterstaat").
 */
export function organisationIdOf(name: string): string {
  const wanted = normalised(name);
  const known = operationalManagers.find((o) =>
    [o.id, o.label, ...o.aliases].some((n) => normalised(n) === wanted),
  );
  return (
    known?.id ??
    wanted
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80)
      .replace(/^-+|-+$/g, '')
  );
}

/** The name to show for an organisation id: a known one's label, or else the id itself. */
export const organisationLabel = (id: string): string =>
  operationalManagers.find((o) => o.id === id)?.label ?? id;

/** Whether this actor acts for the organisation a payload names. */
export const actsForOrganisation = (actor: Actor, name: string): boolean =>
  actor.organisation !== undefined && actor.organisation === organisationIdOf(name);
