/**
 * Numbers in pages are written as the reader's language writes them: through the translator
 * (`t('…', { count })` formats its numbers) or `formatNumber`, never placed in the markup as they
 * are ("1000" where a reader expects "1.000"; Latin digits where a script has its own). In
 * tests, rendering an element with a number among its children throws, naming the element, so
 * every test that renders such a page fails (with a 500) until the number is formatted.
 */
import { options, type VNode } from 'preact';

/** Thrown by a render that places a number in the markup. */
export class NumberInMarkup extends Error {}

let installed = false;

/** Installs the check (once per process; Preact's `options` are global). */
export function guardNumbersInMarkup(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    if (typeof vnode.type === 'string') {
      const children = (vnode.props as { children?: unknown }).children;
      const list = Array.isArray(children) ? children.flat(Number.POSITIVE_INFINITY) : [children];
      const number = list.find((c) => typeof c === 'number');
      if (number !== undefined) {
        const props = vnode.props as Record<string, unknown>;
        const where = `<${vnode.type}${props.class ? ` class="${props.class}"` : ''}${props.id ? ` id="${props.id}"` : ''}>`;
        const beside = list.filter((c) => typeof c === 'string').join('…');
        throw new NumberInMarkup(
          `${where} holds the number ${number} as it is${beside ? ` (beside “${beside}”)` : ''}: write it with formatNumber(view.locale, …) or through t()`,
        );
      }
    }
    previous?.(vnode);
  };
}
