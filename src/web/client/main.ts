// Progressive enhancement only: every page works without this script.
import htmxModule from 'htmx.org';
import { connectLive } from './live.ts';
import { setUpOffline } from './offline.ts';
import { setUpPush } from './push.ts';

// The package's typings describe a namespace; at run time the default export is the htmx object.
const htmx = htmxModule as unknown as { config: Record<string, unknown> };

// Every response of ours is a whole page: swap in re-rendered forms (422), conflict notices (409)
// and error pages (403, 404, 500…) too, or a click on a dead link would seem to do nothing.
htmx.config.responseHandling = [
  { code: '204', swap: false },
  { code: '[23]..', swap: true },
  { code: '[45]..', swap: true, error: true },
];
// Our CSP forbids inline styles and eval.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;

// Print buttons on printable pages (the button is hidden without JS; the browser menu still prints).
document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  if (target?.closest('[data-print]')) window.print();
});
// Copy and share buttons (hidden without JS, or where the browser cannot: the link stays as text).
document.addEventListener('click', async (event) => {
  const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-copy], [data-share]');
  if (!target) return;
  const { copy, copied, share, shareText } = target.dataset;
  if (share) {
    // A dismissed share sheet rejects: nothing to do.
    await navigator.share({ text: shareText, url: share }).catch(() => undefined);
  } else if (copy) {
    await navigator.clipboard.writeText(copy);
    const status = target.parentElement?.querySelector('[data-copied-status]');
    if (status) status.textContent = copied ?? '';
  }
});
const showButtons = () => {
  for (const el of document.querySelectorAll<HTMLElement>('[data-print]')) el.hidden = false;
  if (navigator.clipboard)
    for (const el of document.querySelectorAll<HTMLElement>('[data-copy]')) el.hidden = false;
  if (typeof navigator.share === 'function') {
    for (const el of document.querySelectorAll<HTMLElement>('[data-share]')) el.hidden = false;
  }
};
// A new community takes the browser's time zone (the server's is the default without JS).
const guessZone = () => {
  const form = document.getElementById('new-community');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!form || !zone || form.dataset.zoneGuessed) return;
  form.dataset.zoneGuessed = 'yes';
  const select = form.querySelector<HTMLSelectElement>('select[name="timeZone"]');
  const other = form.querySelector<HTMLInputElement>('input[name="timeZoneOther"]');
  if (select && [...select.options].some((o) => o.value === zone)) {
    select.value = zone;
    if (other) other.value = '';
  } else if (other) {
    other.value = zone;
  }
};
showButtons();
guessZone();
connectLive();
void setUpPush();
void setUpOffline();
// Also on pages htmx swaps in (boosted links), where this script does not run again.
document.addEventListener('htmx:afterSettle', () => {
  showButtons();
  guessZone();
  connectLive();
  void setUpPush();
  void setUpOffline();
});

// Length counters: a field with `data-maxlength` counts the characters people see (graphemes,
// as the server does) and shows "72 of 80 characters" under it once most of the room is used, in
// the page's language (the words come with the page, the numbers as its language writes them).
// The server refuses a longer text with a clear message; without JS that is all there is.
const graphemes =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;
const countOf = (text: string) => (graphemes ? [...graphemes.segment(text)].length : [...text].length);
const updateCounter = (field: HTMLInputElement | HTMLTextAreaElement) => {
  const max = Number(field.dataset.maxlength);
  if (!(max > 0)) return;
  let counter = document.getElementById(`count-${field.id}`);
  if (!counter) {
    counter = document.createElement('p');
    counter.id = `count-${field.id}`;
    counter.className = 'hint counter';
    counter.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', counter);
  }
  const n = countOf(field.value);
  counter.hidden = n < max * 0.8;
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined, { useGrouping: 'min2' });
  counter.textContent = (document.body.dataset.counter ?? '{n} / {max}')
    .replace('{n}', number.format(n))
    .replace('{max}', number.format(max));
  counter.classList.toggle('over', n > max);
};
document.addEventListener('input', (event) => {
  const target = event.target as HTMLElement | null;
  if (target?.matches('input[data-maxlength], textarea[data-maxlength]') && target.id)
    updateCounter(target as HTMLInputElement);
});

// A refused form's error summary takes the focus, so the keyboard and screen readers start at
// the list of what to fix (without JS it is the first thing in the form, linked to each field).
const focusErrors = () => document.querySelector<HTMLElement>('.error-summary')?.focus();
focusErrors();
document.addEventListener('htmx:afterSettle', focusErrors);
