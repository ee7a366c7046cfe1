/**
 * Live updates, for pages with parts marked `data-live` (a conversation's messages, the front
 * porch's "needs you", the menu counts): while such a page is open, the community's event stream
 * (`/c/:community/live`) says when something of the member's changed, and the page fetches itself
 * again and puts in the fresh parts — `data-live="append"` adds the children it lacks (new
 * messages, so a reader's place and a screen reader's announcements stay), `"replace"` swaps the
 * contents. Nothing else of the page changes (a reply being typed stays). Without JavaScript the
 * same parts are fresh on every reload.
 */
let source: EventSource | undefined;
let sourceUrl = '';
let timer: number | undefined;

/** Puts the fresh parts of `html` (the same page, fetched again) into the page. */
function apply(html: string): void {
  const fresh = new DOMParser().parseFromString(html, 'text/html');
  for (const part of document.querySelectorAll<HTMLElement>('[data-live]')) {
    const next = fresh.getElementById(part.id);
    if (!next) continue;
    if (part.dataset.live === 'append') {
      for (const child of [...next.children]) {
        if (child.id && !document.getElementById(child.id)) part.append(document.importNode(child, true));
      }
    } else if (part.innerHTML !== next.innerHTML) {
      part.replaceChildren(...[...next.childNodes].map((n) => document.importNode(n, true)));
    }
  }
}

/** Fetches the page again, soon (several events in a burst make one fetch). */
function refresh(): void {
  clearTimeout(timer);
  timer = window.setTimeout(async () => {
    try {
      const res = await fetch(location.href, {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      });
      if (res.ok && res.url.split('#')[0] === location.href.split('#')[0]) apply(await res.text());
    } catch {
      // Offline for a moment: the next event or a reload brings the page up to date.
    }
  }, 150);
}

/** Listens to the community's stream while the page has live parts; stops when it has none. */
export function connectLive(): void {
  const community = /^\/c\/([^/]+)/.exec(location.pathname)?.[1];
  const url = community && document.querySelector('[data-live]') ? `/c/${community}/live` : '';
  if (url === sourceUrl) return;
  source?.close();
  source = undefined;
  sourceUrl = url;
  if (!url) return;
  source = new EventSource(url);
  source.addEventListener('changed', refresh);
}
