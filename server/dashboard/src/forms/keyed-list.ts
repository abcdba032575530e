/**
 * A list of DOM nodes kept by key across refreshes: a node whose key stays is never rebuilt or
 * moved needlessly, so what is typed into a form and where the focus is survive a refresh.
 */
export function keyedList(container: HTMLElement) {
  const nodes = new Map<string, HTMLElement>();
  return {
    has: (key: string) => nodes.has(key),
    /** Puts the nodes of `keys` in this order; `make` builds a node for a new key. */
    update(keys: string[], make: (key: string) => HTMLElement): void {
      for (const [key, node] of nodes) {
        if (!keys.includes(key)) {
          node.remove();
          nodes.delete(key);
        }
      }
      let previous: HTMLElement | null = null;
      for (const key of keys) {
        let node = nodes.get(key);
        if (!node) {
          node = make(key);
          nodes.set(key, node);
        }
        const expected: Element | null = previous
          ? previous.nextElementSibling
          : container.firstElementChild;
        if (expected !== node) container.insertBefore(node, expected);
        previous = node;
      }
    },
  };
}
