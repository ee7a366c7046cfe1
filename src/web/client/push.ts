// "Notifications on this device" (/account/push): turns web push on and off for this browser.
// The page says without this script that it is needed; here the control says whether this
// browser can receive push, whether it is on, and asks the browser's permission when turned on.

const api = '/api/v1/me/push-subscriptions';

/** `text` (base64url) as bytes: the server's key as `pushManager.subscribe` takes it. */
function bytesOf(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array<ArrayBuffer>): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/** The list item of the device with `endpoint` on the page (the server's list), if any. */
function listed(endpoint: string): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('[data-push-endpoint]')].find(
    (el) => el.dataset.pushEndpoint === endpoint,
  );
}

/** Sets up the control on the page, once per page shown. */
export async function setUpPush(): Promise<void> {
  const section = document.getElementById('push-device');
  if (!section || section.dataset.pushReady) return;
  section.dataset.pushReady = 'yes';
  const status = section.querySelector<HTMLElement>('[data-push-status]');
  const on = section.querySelector<HTMLButtonElement>('[data-push-on]');
  const off = section.querySelector<HTMLButtonElement>('[data-push-off]');
  const key = bytesOf(section.dataset.pushKey ?? '');
  if (!status || !on || !off) return;
  const say = (text: string | undefined) => {
    status.textContent = text ?? '';
  };
  const show = (isOn: boolean) => {
    on.hidden = isOn;
    off.hidden = !isOn;
    say(isOn ? section.dataset.textOn : section.dataset.textOff);
  };

  if (!('serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window)) {
    say(section.dataset.textUnsupported);
    return;
  }
  if (Notification.permission === 'denied') {
    say(section.dataset.textDenied);
    return;
  }
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register('/sw.js');
    const current = await registration.pushManager.getSubscription();
    show(current !== null && listed(current.endpoint) !== undefined);
  } catch {
    // Some browsers refuse service workers in private windows.
    say(section.dataset.textUnsupported);
    return;
  }

  on.addEventListener('click', async () => {
    on.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        say(permission === 'denied' ? section.dataset.textDenied : section.dataset.textOff);
        return;
      }
      await navigator.serviceWorker.ready;
      let subscription = await registration.pushManager.getSubscription();
      // One made with another server key (the server's keys changed) cannot be used.
      if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
      const res = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(subscription),
      });
      if (!res.ok) {
        // The server's own words (too many devices…), in the reader's language.
        const problem = (await res.json().catch(() => ({}))) as { detail?: string };
        say(problem.detail ?? section.dataset.textFailed);
        return;
      }
      window.location.reload();
    } catch {
      // No push service reachable, or the browser refused to subscribe.
      say(section.dataset.textFailed);
    } finally {
      on.disabled = false;
    }
  });

  off.addEventListener('click', async () => {
    off.disabled = true;
    try {
      const subscription = await registration.pushManager.getSubscription();
      const id = subscription && listed(subscription.endpoint)?.dataset.pushId;
      if (id) await fetch(`${api}/${id}`, { method: 'DELETE', headers: { accept: 'application/json' } });
      await subscription?.unsubscribe();
      window.location.reload();
    } catch {
      say(section.dataset.textFailed);
    } finally {
      off.disabled = false;
    }
  });
}
