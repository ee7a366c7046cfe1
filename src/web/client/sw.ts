// The service worker, served as /sw.js so that its scope is the whole site: it shows what
// Porch pushes (platform/notify/push.ts) and opens the page a notification is about when it is
// tapped. It does not touch requests: pages load as they would without it.

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
