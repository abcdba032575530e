/** Building DOM nodes from data; text is always set as text, never parsed as HTML. */
type Child = Node | string | null | undefined | false;
/** Children may come in (nested) lists, as maps over rows and columns make them. */
export type Children = Child | readonly Children[];
type Attributes = Record<string, string | boolean | undefined | ((event: Event) => void)>;

function flatten(children: readonly Children[]): Child[] {
  return children.flatMap((child) => (Array.isArray(child) ? flatten(child) : [child as Child]));
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of flatten(children)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A date and time as Dutch operators read them (Europe/Amsterdam). */
export function dutchDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function dutchDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'medium',
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes as numbers or strings (presentation attributes, never `style`). */
export function svg(
  tag: string,
  attributes: Record<string, string | number | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}
