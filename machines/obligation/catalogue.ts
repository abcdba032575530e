/**
 * The dated obligations of the Beheerarrangement DSO-LV (DOMAIN.md, "Other dated obligations"),
 * as start inputs of `obligation` runs; `npm run obligations:seed` starts one run for each.
 * Paragraph numbers are those of the Beheerarrangement (versie 1.0, 11-12-2018).
 */
import type { z } from 'zod';
import { calendarDateSchema } from '../date-schemas';
import { dateParts, utcMs } from '../dutch-time';
import type { obligationInputSchema } from './types';

export type CatalogueEntry = z.input<typeof obligationInputSchema> & {
  obligationKey: string;
  due: string;
};

/** The document assumes the Act takes effect on 1 January 2021 (DOMAIN.md, "Contradictions"). */
export const DEFAULT_ACT_TAKES_EFFECT = '2021-01-01';

export interface CatalogueOptions {
  /** When the Omgevingswet takes effect (YYYY-MM-DD); the Informatiepunt evaluation follows it. */
  actTakesEffect?: string;
}

/** The same calendar date N years later (29 February becomes 1 March in a common year). */
function yearsAfter(date: string, years: number): string {
  const [year, monthIndex, day] = dateParts(date);
  return new Date(utcMs(year + years, monthIndex, day)).toISOString().slice(0, 10);
}

export function obligationCatalogue(options: CatalogueOptions = {}): CatalogueEntry[] {
  const actTakesEffect = calendarDateSchema.parse(
    options.actTakesEffect ?? DEFAULT_ACT_TAKES_EFFECT,
  );
  return [
    {
      obligationKey: 'transitieplan-2019-2021',
      title: 'Transitieplan 2019–2021',
      description:
        'De TBO stelt een Transitieplan voor de startfase 2019–2021 op (in-faseren TBO, ' +
        'uit-faseren programma DSO) en legt het ter bespreking voor aan de strategische beheerder, ' +
        'die erover afstemt met het OGB Beheer.',
      source: 'Beheerarrangement §6.4 (Opdracht; Vastlegging)',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2019-03-01',
    },
    {
      obligationKey: 'beheerprotocol',
      title: 'Beheerprotocol',
      description:
        'De TBO stelt, in samenspraak met de operationele beheerorganisaties, een beheerprotocol ' +
        'op met een visie op de kwaliteit van dienstverlening, en legt het ter vaststelling voor ' +
        'aan de SBO, die het voor afstemming en instemming voorlegt aan het OGB Beheer.',
      source: 'Beheerarrangement §1, §6.4 (Opdracht; Vastlegging)',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2019-06-01',
    },
    {
      obligationKey: 'tactisch-beheerplan-en-meerjarenbegroting',
      title: 'Voortschrijdend meerjarig tactisch beheerplan en meerjarenbegroting',
      description:
        'De TBO stelt een voortschrijdend meerjarig tactisch beheerplan en een meerjarenbegroting ' +
        'op; daarna stelt de strategische beheerder ze jaarlijks vast na overeenstemming in het ' +
        'OGB Beheer (de P&C-cyclus).',
      source: 'Beheerarrangement §6.4 (Vastlegging)',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2019-06-01',
    },
    {
      obligationKey: 'aansluitvoorwaarden-en-informatieprotocol',
      title: 'Aansluitvoorwaarden voor bestuursorganen en informatie- en communicatieprotocol',
      description:
        'De TBO stelt de aansluitvoorwaarden voor bestuursorganen en een informatie- en ' +
        'communicatieprotocol op. Vastgelegd in de overeenkomst voor opdrachtuitvoering tussen ' +
        'SBO en TBO, dus geleverd aan de SBO als opdrachtgever.',
      source: 'Beheerarrangement §6.4 (Relatielijnen; Vastlegging)',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2019-07-01',
    },
    {
      obligationKey: 'plan-uitbouw',
      title: 'Plan Uitbouw DSO-LV',
      description:
        'Partijen besluiten in het Bestuurlijk Overleg in consensus over een Plan Uitbouw DSO-LV, ' +
        'op basis van het feitenonderzoek. Het besluit van het BO is de levering: er is geen ' +
        'ontvanger die bevestigt.',
      source: 'Beheerarrangement §3.9, §8.3',
      owner: { role: 'bo' },
      // "Uiterlijk 1 maart 2019": 1 March itself is still in time, so the deadline is the start
      // of 2 March (unlike "vóór 1 juni", which ends at the start of 1 June).
      due: '2019-03-02',
    },
    {
      obligationKey: 'evaluatie-beheerarrangement-2026',
      title: 'Evaluatie beheerarrangement, beheerovereenkomst en taakstellend budget 2026',
      description:
        'De SBO initieert in samenspraak met het OGB Beheer de evaluatie van de werking van het ' +
        'beheerarrangement en de beheerovereenkomst, gelijktijdig met de evaluatie van de ' +
        'Omgevingswet, en van het taakstellend budget; het Bestuurlijk Overleg besluit daarover ' +
        'in consensus en over het budget voor 2028 t/m 2031.',
      source: 'Beheerarrangement §3.6, §6.2, §6.3, §7.3, §8.1, §8.2',
      owner: { role: 'sbo' },
      recipient: { role: 'bo' },
      // The source says only "in 2026": the last moment still in 2026 is the deadline.
      due: '2027-01-01',
    },
    {
      obligationKey: 'evaluatie-informatiepunt',
      title: 'Evaluatie Informatiepunt Omgevingsrecht',
      description:
        'Drie jaar na inwerkingtreding van de wet wordt de toegevoegde waarde van het ' +
        'Informatiepunt geëvalueerd, en besloten over al dan niet continuering (afspraak 17 ' +
        'Financieel Akkoord). De SBO, die de evaluaties in samenspraak met het OGB Beheer ' +
        'initieert, levert; het OGB Beheer, dat over het Informatiepunt besluit, bevestigt.',
      source: 'Beheerarrangement §4.2 (voetnoot 10), §8.2',
      owner: { role: 'sbo' },
      recipient: { role: 'ogb' },
      due: yearsAfter(actTakesEffect, 3),
    },
    {
      obligationKey: 'einde-looptijd-beheerovereenkomst',
      title: 'Einde looptijd beheerovereenkomst DSO-LV (2019 t/m 2028)',
      description:
        'De beheerovereenkomst geldt tien jaar, ingaande 1 januari 2019, doorlopend t/m 2028. ' +
        'Wordt zij na de evaluatie van 2026 niet verlengd, dan zorgt het Bestuurlijk Overleg voor ' +
        'afspraken over de gevolgen van het aflopen.',
      source: 'Beheerarrangement §3.6, §6.2, §8.1',
      owner: { role: 'bo' },
      // "T/m 2028": the term has run out at the start of 1 January 2029.
      due: '2029-01-01',
      moment: true,
      // The BO needs time to arrange the consequences of the end: remind a year ahead.
      reminderDays: [365, 90, 30],
    },
  ];
}

/**
 * Obligations of the same list that another process already carries as a deadline of its own;
 * they are not seeded again, so no one gets two reminders for one obligation.
 */
export const trackedElsewhere = [
  {
    obligationKey: 'obo-overeenkomsten',
    title: '(Raam)overeenkomsten met de operationele beheerorganisaties, vóór 1 juli 2019 (§6.5)',
    kind: 'acceptance',
    deadline: 'agreement',
  },
  {
    obligationKey: 'acceptatieprotocol-uitbouw',
    title: 'Voorstel acceptatieprotocol voor uitbouw, uiterlijk Q3 2020 (§6.4)',
    kind: 'acceptance-programme',
    deadline: 'extensionProtocol',
  },
  {
    obligationKey: 'evaluatie-beheerorganisaties-en-budget-2022',
    title: 'Evaluatie TBO, OBO’s en taakstellend budget, vóór 1 juli 2022 (§3.6, §7.3, §8.2)',
    kind: 'reselection',
    deadline: 'evaluation',
  },
] as const;
