/**
 * A title per page (WCAG 2.4.2): the page's own heading, then the product. Follows the <h1>
 * whichever page module wrote it, so a tab, the history and a screen reader name the page.
 */
const PRODUCT = 'DSO-LV beheerprocessen';
let observer: MutationObserver | undefined;

export function titleAfterRender(main: HTMLElement): void {
  const update = () => {
    const heading = main.querySelector('h1')?.textContent.trim();
    const title = heading ? `${heading} — ${PRODUCT}` : PRODUCT;
    if (document.title !== title) document.title = title;
  };
  observer ??= new MutationObserver(update);
  observer.disconnect();
  observer.observe(main, { childList: true, subtree: true, characterData: true });
  update();
}
