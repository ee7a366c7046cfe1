import type { ComponentChildren } from 'preact';

/**
 * A table that may be wider than a phone, in a region that scrolls sideways on its own (the page
 * never does): labelled, and focusable so a keyboard can scroll it too.
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <section class="table-wrap" aria-label={label} tabindex={0}>
      {children}
    </section>
  );
}
