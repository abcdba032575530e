/**
 * "Inhoud van de zaak": what the operators of a case decide on, rendered per kind from the view's
 * public context. The case page calls `caseContent` in one place; a kind without a renderer here
 * shows nothing rather than raw data.
 */
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { acceptanceContent } from './acceptance';
import { acceptanceProgrammeContent } from './acceptance-programme';
import { decisionContent } from './decision';
import { escalationContent } from './escalation';
import { obligationContent } from './obligation';
import { pcCycleContent } from './pc-cycle';
import { reselectionContent } from './reselection';
import { sboDecisionContent } from './sbo-decision';

const renderers: Record<string, (view: ProcessView) => HTMLElement[]> = {
  acceptance: acceptanceContent,
  'acceptance-programme': acceptanceProgrammeContent,
  decision: decisionContent,
  'sbo-decision': sboDecisionContent,
  reselection: reselectionContent,
  'pc-cycle': pcCycleContent,
  escalation: escalationContent,
  obligation: obligationContent,
};

export function caseContent(view: ProcessView): HTMLElement | null {
  const render = renderers[view.kind];
  if (!render) return null;
  let blocks: HTMLElement[];
  try {
    blocks = render(view);
  } catch {
    // A context from an older rule set may lack a field: say so instead of breaking the page.
    blocks = [h('p', {}, 'De inhoud van deze zaak kan niet volledig worden getoond.')];
  }
  return h(
    'section',
    { class: 'case-content', 'aria-labelledby': 'content-heading' },
    h('h2', { id: 'content-heading' }, 'Inhoud van de zaak'),
    blocks,
  );
}
