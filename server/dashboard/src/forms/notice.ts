/** A confirmation to say on the next page: a started process is confirmed on its own page. */
let pending: string | undefined;

export const noticeForNextPage = (text: string): void => {
  pending = text;
};

export function takeNotice(): string {
  const text = pending ?? '';
  pending = undefined;
  return text;
}
