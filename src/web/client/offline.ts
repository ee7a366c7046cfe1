// "Keep a copy on this device": a member keeps their route card, their household or the phone
// tree on their phone, to read when the network is gone (an evacuation is when it goes). The
// copy is made only when they ask, lives in the service worker's cache (`sw.ts`) and is forgotten
// when they remove it or sign out on this device. Without JavaScript the section stays hidden and
// the page's own advice stands: print it.

/** Asks the service worker `ask` and waits for its answer (a MessageChannel reply). */
async function askWorker(ask: unknown): Promise<{ ok: boolean; savedAt?: string }> {
  const registration = await navigator.serviceWorker.register('/sw.js');
  const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
  if (!worker) return { ok: false };
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data as { ok: boolean; savedAt?: string });
    worker.postMessage(ask, [channel.port2]);
  });
}

/** The page and the stylesheets and scripts it needs, as absolute URLs. */
function pageAndStyles(): string[] {
  const styles = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href);
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src);
  return [location.href.split('#')[0] as string, ...styles, ...scripts];
}

/** The mark of who this page is shown to ('' for nobody): `data-viewer` of the page's header. */
function viewer(): string {
  return document.querySelector<HTMLElement>('[data-viewer]')?.dataset.viewer ?? '';
}

/**
 * Tells the service worker, if it runs this page, who the page is shown to: copies kept for
 * someone else are forgotten (a session that ended elsewhere, or another member signed in on this
 * browser). Every page, not only those with the section.
 */
export function tellViewer(): void {
  navigator.serviceWorker?.controller?.postMessage({ viewer: viewer() });
}

/** Sets up the section on the page, once per page shown. */
export async function setUpOffline(): Promise<void> {
  tellViewer();
  const section = document.querySelector<HTMLElement>('[data-keep-offline]');
  if (!section || section.dataset.keepReady) return;
  section.dataset.keepReady = 'yes';
  const status = section.querySelector<HTMLElement>('[data-keep-status]');
  const keep = section.querySelector<HTMLButtonElement>('[data-keep]');
  const forget = section.querySelector<HTMLButtonElement>('[data-forget]');
  if (!status || !keep || !forget || !('serviceWorker' in navigator) || !('caches' in window)) return;
  // In the community's zone, as every other time on the page.
  const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: section.dataset.zone || undefined,
  });
  const show = (savedAt: string | undefined) => {
    status.textContent = savedAt
      ? (section.dataset.textKept ?? '').replace('{when}', time.format(new Date(savedAt)))
      : (section.dataset.textNotKept ?? '');
    keep.textContent = (savedAt ? section.dataset.textUpdate : section.dataset.textKeep) ?? '';
    forget.hidden = !savedAt;
  };
  // The kept copy (the worker wrote the time it was saved into it): say when it was saved, so
  // nobody takes it for the live page.
  const keptAt = section.dataset.keptAt;
  if (keptAt && keptAt !== 'live') {
    status.textContent = (section.dataset.textOffline ?? '').replace('{when}', time.format(new Date(keptAt)));
    section.hidden = false;
    return;
  }
  try {
    show((await askWorker({ kept: pageAndStyles()[0] })).savedAt);
  } catch {
    // Some browsers refuse service workers in private windows: the advice to print stands.
    return;
  }
  section.hidden = false;
  keep.addEventListener('click', async () => {
    keep.disabled = true;
    const savedAt = new Date().toISOString();
    const answer = await askWorker({ keep: pageAndStyles(), savedAt, viewer: viewer() }).catch(() => ({
      ok: false,
    }));
    keep.disabled = false;
    if (answer.ok) show(savedAt);
    else status.textContent = section.dataset.textFailed ?? '';
  });
  forget.addEventListener('click', async () => {
    await askWorker({ forget: pageAndStyles() }).catch(() => undefined);
    show(undefined);
  });
}
