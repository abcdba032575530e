/** The acceptance matrix of a programme: provisions × the four assessments × OGB Beheer / TBO. */
import { h } from './dom';

interface Cell {
  outcome: 'positive' | 'negative';
  by: string;
  at: string;
  findings: string;
  round: number;
}
type Phase = Record<string, Record<string, Cell | null> | undefined>;
interface Row {
  provision: string;
  name?: string;
  status: string;
  summary: string | null;
  phase1: Phase;
  phase2: Phase;
}
export interface Matrix {
  assessments: { id: string; label: string }[];
  bodies: string[];
  rows: Row[];
}

const statusLabels: Record<string, string> = {
  notReported: 'Nog niet gereed gemeld',
  phase1: 'Fase 1',
  delivered: 'Opgeleverd',
  phase2: 'Fase 2',
  definitivelyAccepted: 'Definitief geaccepteerd',
};
const bodyLabels: Record<string, string> = { ogb: 'OGB', tbo: 'TBO' };

export function isMatrix(value: unknown): value is Matrix {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Partial<Matrix>).rows) &&
    Array.isArray((value as Partial<Matrix>).assessments)
  );
}

function cellOf(cell: Cell | null | undefined, who: string): HTMLElement {
  if (!cell) return h('td', { class: 'mx-open', title: `${who}: nog geen oordeel` }, '—');
  const positive = cell.outcome === 'positive';
  return h(
    'td',
    {
      class: positive ? 'mx-positive' : 'mx-negative',
      title: `${who}: ${positive ? 'positief' : 'negatief'} (ronde ${cell.round}, ${cell.by})${cell.findings ? `: ${cell.findings}` : ''}`,
    },
    positive ? '✓ positief' : '✗ negatief',
  );
}

function phaseTable(matrix: Matrix, phase: 'phase1' | 'phase2', caption: string): HTMLElement {
  return h(
    'table',
    { class: 'matrix' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', rowspan: '2' }, 'Voorziening'),
        h('th', { scope: 'col', rowspan: '2' }, 'Status'),
        matrix.assessments.map((a, index) =>
          h(
            'th',
            { scope: 'colgroup', colspan: String(matrix.bodies.length), title: a.label },
            `Beoordeling ${index + 1}`,
          ),
        ),
      ),
      h(
        'tr',
        {},
        matrix.assessments.map(() =>
          matrix.bodies.map((body) => h('th', { scope: 'col' }, bodyLabels[body] ?? body)),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      matrix.rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, row.name ?? row.provision),
          h('td', { title: row.summary ?? '' }, statusLabels[row.status] ?? row.status),
          matrix.assessments.map((a) =>
            matrix.bodies.map((body) =>
              cellOf(row[phase][a.id]?.[body], `${a.label} — ${bodyLabels[body] ?? body}`),
            ),
          ),
        ),
      ),
    ),
  );
}

export function matrixView(matrix: Matrix): HTMLElement {
  return h(
    'div',
    { class: 'matrix-block' },
    phaseTable(matrix, 'phase1', 'Fase 1: voorlopige acceptatie'),
    phaseTable(matrix, 'phase2', 'Fase 2: definitieve acceptatie'),
    h(
      'ol',
      { class: 'mx-legend', 'aria-label': 'De vier beoordelingen' },
      matrix.assessments.map((a) => h('li', {}, a.label.replace(/^\d+\.\s*/, ''))),
    ),
  );
}
