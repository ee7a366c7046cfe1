import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { type Client, useTestApp } from '../../../test/support/app.ts';
import { type PushService, startPushService } from '../../../test/support/push-service.ts';
import { ConfigError, loadConfig, storedOnce } from '../../config.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { contextFor } from '../../platform/context.ts';
import { Invalid } from '../../platform/errors.ts';
import {
  isPrivateAddress,
  PushFailed,
  pushPayload,
  sendPush,
  subscriptionsOf,
  vapidFile,
  vapidKeys,
} from '../../platform/notify/push.ts';
import { subscribe } from './service.ts';

// The push service of these tests runs on this computer: a private network's host.
const t = useTestApp({ PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' });
let service: PushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service?.close();
});

const api = '/api/v1/me/push-subscriptions';

/**
 * `account` turns push on for a new device of the test push service (signed in on `client`, else
 * in a new session); returns the device and its id.
 */
async function subscribed(account: Parameters<typeof t.as>[0], client?: Client) {
  const device = service.device();
  const res = await (client ?? (await t.as(account))).api('POST', api, device.subscription);
  expect(res.statusCode, res.body).toBe(201);
  return { device, id: res.json().id as string };
}

describe('turning push on and off (API)', () => {
  it("gives the server's public key; a device is kept, listed and removed by its owner only", async () => {
    const [ana, ben] = [await t.account(), await t.account()];
    const client = await t.as(ana);
    const empty = (await client.api('GET', api)).json();
    expect(Buffer.from(empty.publicKey, 'base64url')).toHaveLength(65);
    expect(empty.publicKey).toBe(vapidKeys(t.services.config).publicKey);
    expect(empty.subscriptions).toEqual([]);

    const { device, id } = await subscribed(ana);
    const listed = (await client.api('GET', api)).json().subscriptions;
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        endpoint: device.subscription.endpoint,
        service: expect.stringMatching(/^localhost:/),
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(device.subscription.keys.auth);

    const other = await t.as(ben);
    expect((await other.api('GET', api)).json().subscriptions).toEqual([]);
    expect((await other.api('DELETE', `${api}/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/account/push/${id}/remove`)).statusCode).toBe(404);
    expect((await client.api('GET', api)).json().subscriptions).toHaveLength(1);

    expect((await client.api('DELETE', `${api}/${id}`)).statusCode).toBe(204);
    expect((await client.api('GET', api)).json().subscriptions).toEqual([]);
    expect((await client.api('DELETE', `${api}/${id}`)).json().code).toBe('push.errors.not_found');
  });

  it('a device stops getting notifications when its session ends (signing out there)', async () => {
    const ana = await t.account();
    const phone = await t.as(ana);
    const { device } = await subscribed(ana, phone);
    const laptop = await t.as(ana);
    expect((await laptop.api('GET', api)).json().subscriptions).toHaveLength(1);
    expect((await phone.post('/logout')).statusCode).toBe(303);
    expect((await laptop.api('GET', api)).json().subscriptions).toEqual([]);
    const before = service.received.length;
    expect(await sendPush(t.services, ana.id, { title: 'x', body: 'y', url: '/' })).toEqual({
      sent: 0,
      removed: 0,
    });
    expect(service.received.slice(before).filter((r) => r.device === device.id)).toEqual([]);

    await subscribed(ana, laptop);
    await laptop.post('/logout/everywhere');
    const again = await t.as(ana);
    expect((await again.api('GET', api)).json().subscriptions).toEqual([]);
  });

  it('asks to sign in first', async () => {
    const visitor = t.visitor();
    expect((await visitor.api('GET', api)).statusCode).toBe(401);
    expect((await visitor.api('POST', api, service.device().subscription)).statusCode).toBe(401);
    const page = await visitor.get('/account/push');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/login');
  });

  it('refuses a subscription that is not one, saying what is expected, and keeps nothing', async () => {
    const ana = await t.account();
    const client = await t.as(ana);
    const good = service.device().subscription;
    const cases: [unknown, string, string][] = [
      [{ ...good, endpoint: 'http://push.example.org/x' }, 'endpoint', 'push.errors.endpoint'],
      [{ ...good, endpoint: 'not a url' }, 'endpoint', 'push.errors.endpoint'],
      [{ ...good, endpoint: 'https://user:pw@push.example.org/x' }, 'endpoint', 'push.errors.endpoint'],
      [
        { ...good, keys: { ...good.keys, p256dh: randomBytes(64).toString('base64url') } },
        'keys/p256dh',
        'push.errors.p256dh',
      ],
      // 65 bytes that start like a point but are not on the curve.
      [
        {
          ...good,
          keys: {
            ...good.keys,
            p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
          },
        },
        'keys/p256dh',
        'push.errors.p256dh',
      ],
      [{ ...good, keys: { ...good.keys, p256dh: 'not base64url!' } }, 'keys/p256dh', 'push.errors.p256dh'],
      [
        { ...good, keys: { ...good.keys, auth: randomBytes(15).toString('base64url') } },
        'keys/auth',
        'push.errors.auth',
      ],
    ];
    for (const [body, field, code] of cases) {
      const res = await client.api('POST', api, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field, code })]);
    }
    const missing = await client.api('POST', api, { endpoint: good.endpoint });
    expect(missing.statusCode).toBe(422);
    expect((await client.api('GET', api)).json().subscriptions).toEqual([]);
    const said = await client.api('POST', api, { ...good, endpoint: 'http://x' });
    expect(said.json().errors[0].message).toMatch(/starts with https:\/\//);
  });

  it(`keeps at most 10 devices an account; the same device again replaces its keys`, async () => {
    const ana = await t.account();
    const client = await t.as(ana);
    const devices = [];
    for (let i = 0; i < 10; i++) devices.push((await subscribed(ana)).device);
    const eleventh = await client.api('POST', api, service.device().subscription);
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().code).toBe('push.errors.too_many');
    expect(eleventh.json().detail ?? eleventh.json().title).toMatch(/10/);

    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const again = await client.api('POST', api, {
      ...devices[0].subscription,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
    });
    expect(again.statusCode).toBe(201);
    const listed = (await client.api('GET', api)).json().subscriptions;
    expect(listed).toHaveLength(10);
  });

  it('a device where someone else turns push on becomes theirs: the first account no longer reaches it', async () => {
    const [ana, ben] = [await t.account(), await t.account()];
    const { device } = await subscribed(ana);
    const res = await (await t.as(ben)).api('POST', api, device.subscription);
    expect(res.statusCode).toBe(201);
    expect((await (await t.as(ana)).api('GET', api)).json().subscriptions).toEqual([]);
    expect((await (await t.as(ben)).api('GET', api)).json().subscriptions).toHaveLength(1);
    expect(await sendPush(t.services, ana.id, { title: 'For Ana', body: '', url: '/' })).toEqual({
      sent: 0,
      removed: 0,
    });
  });
});

describe('the page "Notifications on this device"', () => {
  it('offers push with the public key, lists the devices and turns one off without JavaScript', async () => {
    const ana = await t.account({ locale: 'es' });
    const { id } = await subscribed(ana);
    const client = await t.as(ana);
    const page = await client.get('/account/push');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-push-key="${vapidKeys(t.services.config).publicKey}"`);
    expect(page.body).toContain('Notificaciones en este dispositivo');
    expect(page.body).toContain('hace falta JavaScript');
    expect(page.body).toContain(`/account/push/${id}/remove`);
    expect((await client.get('/account')).body).toContain('href="/account/push"');

    const removed = await client.post(`/account/push/${id}/remove`);
    expect(removed.statusCode).toBe(303);
    const after = await client.get(removed.headers.location as string);
    expect(after.body).toContain('Las notificaciones están desactivadas en ese dispositivo.');
    expect(after.body).toContain('Ninguno todavía.');
  });
});

describe('sending (the push service decrypts what Porch sends)', () => {
  it('encrypts to each device (RFC 8291) and signs with the VAPID key (RFC 8292)', async () => {
    const ana = await t.account();
    const [phone, laptop] = [await subscribed(ana), await subscribed(ana)];
    const before = service.received.length;
    const message = {
      title: 'A loan request',
      body: 'Ben would like to borrow your ladder.',
      url: '/c/x/loans/1',
    };
    expect(await sendPush(t.services, ana.id, message)).toEqual({ sent: 2, removed: 0 });
    const got = service.received.slice(before);
    expect(got.map((r) => r.device).sort()).toEqual([phone.device.id, laptop.device.id].sort());
    const { publicKey } = vapidKeys(t.services.config);
    for (const push of got) {
      expect(push.payload).toEqual({ ...message, tag: message.url });
      expect(push.headers['content-encoding']).toBe('aes128gcm');
      expect(Number(push.headers.ttl)).toBe(86400);
      expect(push.vapidKey).toBe(publicKey);
      expect(push.claims.aud).toBe(new URL(phone.device.subscription.endpoint).origin);
      expect(push.claims.sub).toBe(t.services.config.vapidSubject);
      expect(push.claims.exp * 1000).toBeGreaterThan(Date.now());
      expect(push.claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 60_000);
    }
    const listed = (await (await t.as(ana)).api('GET', api)).json().subscriptions;
    expect(listed.every((s: { lastSentAt: string | null }) => s.lastSentAt !== null)).toBe(true);
  });

  it('a device the push service no longer knows (410, 404) is removed; the others still get it', async () => {
    const ana = await t.account();
    const [kept, gone, lost] = [await subscribed(ana), await subscribed(ana), await subscribed(ana)];
    service.answer(gone.device, 410);
    service.answer(lost.device, 404);
    const message = { title: 'Hi', body: 'There', url: '/', tag: 'greeting' };
    expect(await sendPush(t.services, ana.id, message)).toEqual({ sent: 1, removed: 2 });
    const listed = (await (await t.as(ana)).api('GET', api)).json().subscriptions;
    expect(listed.map((s: { id: string }) => s.id)).toEqual([kept.id]);
  });

  it('another failure throws, keeps the device, and a durable job retries it until it goes through', async () => {
    const ana = await t.account();
    const { device } = await subscribed(ana);
    service.answer(device, 500);
    const message = { title: 'Urgent', body: 'Help needed nearby', url: '/c/x/posts/2' };
    const error = await sendPush(t.services, ana.id, message).catch((e) => e);
    expect(error).toBeInstanceOf(PushFailed);
    expect(error.failures).toEqual([
      expect.objectContaining({ status: 500, host: expect.stringMatching(/^localhost:/) }),
    ]);
    expect((await (await t.as(ana)).api('GET', api)).json().subscriptions).toHaveLength(1);

    t.services.jobs.register('test.push', async (payload) => {
      await sendPush(t.services, payload.accountId, payload.message);
    });
    await t.services.jobs.enqueue(t.services.db, 'test.push', { accountId: ana.id, message });
    const before = service.received.filter((r) => r.device === device.id).length;
    await t.runJobs();
    service.answer(device, 201);
    t.clock.advance(3600);
    await t.runJobs();
    const job = await t.services.db
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', 'test.push')
      .executeTakeFirstOrThrow();
    expect(job.attempts).toBe(2);
    expect(job.doneAt).not.toBeNull();
    expect(service.received.filter((r) => r.device === device.id).length - before).toBe(2);
  });

  it('an account without devices sends nothing', async () => {
    const ana = await t.account();
    expect(await sendPush(t.services, ana.id, { title: 'x', body: 'y', url: '/' })).toEqual({
      sent: 0,
      removed: 0,
    });
  });

  it('shortens a long body to fit what push services take, whole characters only', () => {
    const payload = pushPayload({ title: 'T', body: '🌱'.repeat(5000), url: '/' });
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(3000);
    const body = JSON.parse(payload).body as string;
    expect(body.endsWith('🌱…')).toBe(true);
    expect(pushPayload({ title: 'T', body: 'short', url: '/' })).toBe(
      '{"title":"T","body":"short","url":"/"}',
    );
  });
});

describe('push services on a private network', () => {
  it('are refused unless the operator allows them: when subscribing, and when sending (removed)', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd12::1',
      'fe80::1',
      '::ffff:192.168.0.1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '142.250.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);

    const ana = await t.account();
    const services = { ...t.services, config: { ...t.services.config, pushPrivateEndpoints: false } };
    const ctx = await contextFor(services, { accountId: ana.id });
    const session = await createSession(t.services.db, t.clock, ana.id);
    const device = service.device();
    for (const endpoint of [
      device.subscription.endpoint,
      'https://127.0.0.1:8443/push/x',
      'https://[::1]/push/x',
      'https://169.254.169.254/latest',
    ]) {
      const refused = await subscribe(
        ctx,
        { ...device.subscription, endpoint },
        { sessionToken: session, userAgent: undefined },
      ).catch((e) => e);
      expect(refused, endpoint).toBeInstanceOf(Invalid);
      expect(refused.fields, endpoint).toEqual([{ field: 'endpoint', code: 'push.errors.endpoint_private' }]);
    }
    expect(await subscriptionsOf(t.services.db, ana.id)).toEqual([]);

    // Subscribed while allowed (or a name that resolved elsewhere then): refused when connecting.
    await subscribed(ana);
    const before = service.received.length;
    expect(await sendPush(services, ana.id, { title: 'x', body: 'y', url: '/' })).toEqual({
      sent: 0,
      removed: 1,
    });
    expect(service.received.length).toBe(before);
    expect(await subscriptionsOf(t.services.db, ana.id)).toEqual([]);
  });
});

describe('the VAPID keys', () => {
  it('are made once, kept in the data directory readable by the owner only, and read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'porch-vapid-'));
    try {
      const config = loadConfig({ PORCH_DATA_DIR: dir });
      expect(config.vapidKeys).toBeUndefined();
      const keys = vapidKeys(config);
      const file = join(dir, vapidFile);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(keys);
      // A second process starting on the same directory reads the same file.
      expect(storedOnce(file, () => 'another\n')).toBe(readFileSync(file, 'utf8'));
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
      expect(ecdh.getPublicKey('base64url')).toBe(keys.publicKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('may be given by the environment, both and matching; the subject defaults to the mail sender', () => {
    const dir = mkdtempSync(join(tmpdir(), 'porch-vapid-'));
    try {
      const { publicKey, privateKey } = webpush.generateVAPIDKeys();
      const env = { PORCH_DATA_DIR: dir, VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey };
      const config = loadConfig(env);
      expect(vapidKeys(config)).toEqual({ publicKey, privateKey });
      expect(config.vapidSubject).toBe('mailto:porch@localhost');
      expect(loadConfig({ ...env, BASE_URL: 'https://porch.example.org' }).vapidSubject).toBe(
        'https://porch.example.org',
      );
      expect(loadConfig({ ...env, VAPID_SUBJECT: 'mailto:steward@example.org' }).vapidSubject).toBe(
        'mailto:steward@example.org',
      );
      expect(() => loadConfig({ ...env, VAPID_SUBJECT: 'steward@example.org' })).toThrow(/VAPID_SUBJECT/);
      expect(() => loadConfig({ PORCH_DATA_DIR: dir, VAPID_PUBLIC_KEY: publicKey })).toThrow(
        /VAPID_PRIVATE_KEY/,
      );
      const other = webpush.generateVAPIDKeys().publicKey;
      expect(() => loadConfig({ ...env, VAPID_PUBLIC_KEY: other })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, VAPID_PUBLIC_KEY: 'short' })).toThrow(/VAPID_PUBLIC_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
