// The service worker, served as /sw.js so that its scope is the whole site: it shows what
// Porch pushes (platform/notify/push.ts) and opens the page a notification is about when it is
// tapped; and it keeps the copies of pages a member asked to keep on this device (their route
// card, their household, the phone tree: `client/offline.ts`), served only when the network
// cannot be reached. Every other request goes to the network as it would without it.

/** What Porch pushes (`PushMessage`). */
interface Message {
  title: string;
  body: string;
  url: string;
  tag?: string;
}

// The parts of the service worker's scope used here (TypeScript's WebWorker library cannot be
// loaded beside the DOM library of the other client scripts).
interface WorkerEvent {
  waitUntil(promise: Promise<unknown>): void;
}
interface WindowClient {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface FetchEvent extends WorkerEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEvent extends WorkerEvent {
  data: unknown;
  ports: readonly MessagePort[];
}
interface Scope {
  registration: ServiceWorkerRegistration;
  location: Location;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(
    type: 'push',
    listener: (event: WorkerEvent & { data: { text(): string } | null }) => void,
  ): void;
  addEventListener(
    type: 'notificationclick',
    listener: (event: WorkerEvent & { notification: Notification }) => void,
  ): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(
    type: 'pushsubscriptionchange',
    listener: (
      event: WorkerEvent & { oldSubscription?: PushSubscription; newSubscription?: PushSubscription },
    ) => void,
  ): void;
}
const worker = self as unknown as Scope;

/** `url` if it is a page of this site, else the site's front page: a push never leads elsewhere. */
function onThisSite(url: unknown): string {
  const origin = worker.location.origin;
  try {
    const target = new URL(String(url), origin);
    if (target.origin === origin) return target.href;
  } catch {}
  return `${origin}/`;
}

/** The pushed message, or a plain one when what came cannot be read. */
function messageOf(data: { text(): string } | null): Message {
  try {
    const message = JSON.parse(data?.text() ?? '') as Message;
    if (typeof message.title === 'string') return message;
  } catch {}
  return { title: 'Porch', body: '', url: '/' };
}

// A new version takes over at once: it holds no state, and pages do not depend on it.
worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('push', (event) => {
  const message = messageOf(event.data);
  event.waitUntil(
    worker.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      icon: '/assets/favicon.svg',
      data: { url: onThisSite(message.url) },
    }),
  );
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = onThisSite((event.notification.data as { url?: string } | null)?.url);
  event.waitUntil(
    (async () => {
      const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => w.url === url);
      if (open) return open.focus();
      return worker.clients.openWindow(url);
    })(),
  );
});

// The push service replaced the subscription (it expired, or keys rotated): subscribe again
// with the same server key and tell Porch, signed in as the browser is.
worker.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(
    (async () => {
      const key = event.oldSubscription?.options.applicationServerKey;
      const next =
        event.newSubscription ??
        (key
          ? await worker.registration.pushManager.subscribe({
              userVisibleOnly: true,
              applicationServerKey: key,
            })
          : null);
      if (!next) return;
      await fetch('/api/v1/me/push-subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(next),
      });
    })(),
  );
});

// ── copies kept on this device ─────────────────────────────────────────────────────────────

/** The cache of kept pages and the stylesheets they need. */
const KEPT = 'porch-kept-v1';

/**
 * A request the kept copies may answer when the network fails: a page (a navigation, or a page
 * htmx fetches for a boosted link) or an asset of this site. Not the API, not a live stream,
 * not another site.
 */
function mayFallBack(request: Request): boolean {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return false;
  return !(request.headers.get('accept') ?? '').includes('text/event-stream');
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const path = new URL(request.url).pathname;
  // Signing out on this device, or anyone signing in, forgets what was kept for the member.
  if (request.method === 'POST' && ['/logout', '/logout/everywhere', '/login/verify'].includes(path)) {
    event.waitUntil(caches.delete(KEPT));
    return;
  }
  if (!mayFallBack(request)) return;
  event.respondWith(
    fetch(request).catch(async (error: unknown) => {
      const kept = await caches.match(request.url, { cacheName: KEPT, ignoreVary: true });
      if (kept) return kept;
      throw error;
    }),
  );
});

/** What a page asks of the worker (`client/offline.ts`); `viewer` is the page's `data-viewer`. */
type Ask =
  | { keep: string[]; savedAt: string; viewer: string }
  | { forget: string[] }
  | { kept: string }
  | { viewer: string };

/** The entry of the cache that names whose copies it holds (the viewer mark they were kept for). */
const OWNER = '/.kept-owner';

/** `response`'s page with the time it was saved written where the page leaves room for it. */
async function stamped(response: Response, savedAt: string): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) return response;
  const html = (await response.text()).replace(
    'data-kept-at="live"',
    `data-kept-at="${savedAt.replace(/[^0-9TZ:.-]/g, '')}"`,
  );
  return new Response(html, { status: response.status, headers: response.headers });
}

worker.addEventListener('message', (event) => {
  const ask = event.data as Ask;
  const reply = (answer: unknown) => event.ports[0]?.postMessage(answer);
  event.waitUntil(
    (async () => {
      // Only a keep makes the cache: asking about copies when there are none leaves none.
      const cache = (await caches.has(KEPT)) ? await caches.open(KEPT) : undefined;
      if ('keep' in ask) {
        const owner = await (await cache?.match(OWNER))?.text();
        // Copies are one member's: keeping for someone else starts afresh.
        if (owner !== undefined && owner !== ask.viewer) await caches.delete(KEPT);
        reply(await keep(await caches.open(KEPT), ask));
      } else if ('forget' in ask) {
        for (const url of ask.forget) await cache?.delete(url);
        reply({ ok: true });
      } else if ('kept' in ask) {
        const page = await cache?.match(ask.kept);
        reply({
          ok: true,
          savedAt: page ? /data-kept-at="([^"]*)"/.exec(await page.text())?.[1] : undefined,
        });
      } else if ('viewer' in ask) {
        // A page shown to someone else, or to nobody (signed out, the session over): the copies
        // were not theirs to open.
        const owner = await (await cache?.match(OWNER))?.text();
        if (owner !== undefined && owner !== ask.viewer) await caches.delete(KEPT);
        reply({ ok: true });
      }
    })().catch(() => reply({ ok: false })),
  );
});

/** Stores the pages and assets of `ask` with its viewer as their owner. */
async function keep(cache: Cache, ask: { keep: string[]; savedAt: string; viewer: string }) {
  if (!ask.viewer) return { ok: false };
  for (const url of ask.keep.filter(
    (u) => new URL(u, worker.location.origin).origin === worker.location.origin,
  )) {
    const response = await fetch(url, { credentials: 'same-origin', redirect: 'error' });
    if (!response.ok) throw new Error(String(response.status));
    await cache.put(url, await stamped(response, ask.savedAt));
  }
  await cache.put(OWNER, new Response(ask.viewer));
  return { ok: true };
}
