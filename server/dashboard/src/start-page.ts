/** Starting a process: the kinds the signed-in actor may start, each with its start form. */
import { api, type KindInfo } from './api';
import { h } from './dom';
import { hasRole, signedInActor } from './forms/actor';
import { noticeForNextPage } from './forms/notice';
import { startRoles, startSchema } from './forms/schema';
import { schemaForm } from './forms/schema-form';

export async function startPage(main: HTMLElement, chosen?: string): Promise<void> {
  const [kinds, me] = await Promise.all([api.kinds(), signedInActor()]);
  const allowed: KindInfo[] = [];
  for (const kind of kinds) if (hasRole(me, await startRoles(kind.kind))) allowed.push(kind);
  document.title = 'Proces starten — DSO-LV beheerprocessen';
  if (allowed.length === 0) {
    main.replaceChildren(
      h('h1', {}, 'Proces starten'),
      h('p', {}, 'Met uw rol kunt u geen processen starten.'),
    );
    return;
  }
  const formSlot = h('div');
  const select = h(
    'select',
    { id: 'start-kind' },
    h('option', { value: '' }, '— kies —'),
    allowed.map((kind) => h('option', { value: kind.kind }, kind.title)),
  );
  const show = async (kind: string) => {
    const info = allowed.find((k) => k.kind === kind);
    const schema = info ? await startSchema(kind) : undefined;
    if (!info || !schema) {
      formSlot.replaceChildren();
      return;
    }
    formSlot.replaceChildren(
      schemaForm({
        heading: info.title,
        headingLevel: 'h3',
        schema,
        submitLabel: 'Proces starten',
        send: (body) => api.start(kind, body),
        success: `Gestart: ${info.title}.`,
        onDone: (answer) => {
          const id = (answer as { id?: unknown } | undefined)?.id;
          if (typeof id !== 'string') return;
          noticeForNextPage(`Gestart: ${info.title}. U kunt nu verder met de eerste stap.`);
          location.hash = `#/process/${encodeURIComponent(id)}`;
        },
      }),
    );
  };
  select.addEventListener('change', () => {
    history.replaceState(null, '', select.value ? `#/start/${select.value}` : '#/start');
    void show(select.value);
  });
  main.replaceChildren(
    h('h1', {}, 'Proces starten'),
    h('div', { class: 'field' }, h('label', { for: 'start-kind' }, 'Soort proces'), select),
    h('section', { 'aria-label': 'Startformulier' }, formSlot),
  );
  if (chosen && allowed.some((kind) => kind.kind === chosen)) {
    select.value = chosen;
    await show(chosen);
  }
}
