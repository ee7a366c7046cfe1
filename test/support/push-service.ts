/**
 * A push service for tests (RFC 8030's push resource, seen from the application server): an
 * https server on localhost, trusted by this process's https agent, that takes each push,
 * decrypts it as the browser would (RFC 8291, with a device's real P-256 key pair and auth
 * secret, by `http_ece`), checks nothing itself and records what came, answering with the
 * status the test chose for each device.
 */
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { globalAgent, createServer as httpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';
import { generate } from 'selfsigned';

/** A device as a browser holds it: its subscription and the private half of its key. */
export interface TestDevice {
  id: string;
  /** What `PushSubscription.toJSON()` gives, to send to Porch. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  ecdh: ECDH;
  auth: Buffer;
}

/** One push as the service received it, decrypted. */
export interface ReceivedPush {
  device: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload, parsed. */
  payload: unknown;
  /** The VAPID token's claims, after checking its signature with the key in `k=`. */
  claims: { aud: string; exp: number; sub: string };
  /** The `k=` of the Authorization header: the server's VAPID public key. */
  vapidKey: string;
}

/** The running service. */
export interface PushService {
  /** A new device subscribed at this service (keys made here, as a browser makes them). */
  device(): TestDevice;
  /** Answer pushes to `device` with `status` from now on (201 unless told). */
  answer(device: TestDevice, status: number): void;
  received: ReceivedPush[];
  close(): Promise<void>;
}

/** Checks the ES256 VAPID JWT `token` with the public key `k` (base64url point); returns its claims. */
function checkedClaims(token: string, k: string): ReceivedPush['claims'] {
  const [header, body, signature] = token.split('.');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${body}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID signature does not verify');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('not ES256');
  return JSON.parse(Buffer.from(body, 'base64url').toString());
}

/** Starts the service on a free port of localhost and makes this process trust its certificate. */
export async function startPushService(): Promise<PushService> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  const devices = new Map<string, TestDevice>();
  const statuses = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const server = httpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop() ?? '';
      const device = devices.get(id);
      const status = statuses.get(id) ?? 201;
      try {
        if (!device) throw new Error(`no device ${id}`);
        const auth = /^vapid t=([^,]+), k=(.+)$/.exec(String(req.headers.authorization));
        if (!auth) throw new Error(`no VAPID authorization: ${req.headers.authorization}`);
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: device.ecdh,
          authSecret: device.auth,
        });
        received.push({
          device: id,
          headers: req.headers,
          payload: JSON.parse(plain.toString('utf8')),
          claims: checkedClaims(auth[1], auth[2]),
          vapidKey: auth[2],
        });
        res.writeHead(status).end();
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  const trusted = globalAgent.options.ca;
  globalAgent.options.ca = pems.cert;
  return {
    device() {
      const id = randomBytes(8).toString('hex');
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const device: TestDevice = {
        id,
        ecdh,
        auth,
        subscription: {
          endpoint: `https://localhost:${port}/push/${id}`,
          keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
        },
      };
      devices.set(id, device);
      return device;
    },
    answer(device, status) {
      statuses.set(device.id, status);
    },
    received,
    async close() {
      globalAgent.options.ca = trusted;
      globalAgent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
