/**
 * Static assets, built in memory at start: the client script bundled and minified by esbuild,
 * the stylesheet read as is. Each is served under a content-hashed name with a year-long
 * immutable cache, so a new release is fetched at once and an unchanged one never again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

/** The public URLs of the built assets. */
export interface Assets {
  script: string;
  style: string;
}

interface Asset {
  body: Buffer;
  type: string;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function hashed(name: string, ext: string, body: Buffer): [string, Buffer] {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return [`${name}.${hash}.${ext}`, body];
}

/** Builds the assets and registers `GET /assets/:file`. */
export async function registerAssets(app: FastifyInstance): Promise<Assets> {
  const bundle = await build({
    entryPoints: [here('./client/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
  });
  const files = new Map<string, Asset>();
  const [script, scriptBody] = hashed('main', 'js', Buffer.from(bundle.outputFiles[0].contents));
  const [style, styleBody] = hashed('styles', 'css', readFileSync(here('./styles.css')));
  files.set(script, { body: scriptBody, type: 'text/javascript; charset=utf-8' });
  files.set(style, { body: styleBody, type: 'text/css; charset=utf-8' });
  files.set('favicon.svg', { body: readFileSync(here('./favicon.svg')), type: 'image/svg+xml' });

  app.get('/assets/:file', { schema: { hide: true } }, async (req, reply) => {
    const asset = files.get((req.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  });
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/assets/favicon.svg', 301),
  );
  return { script: `/assets/${script}`, style: `/assets/${style}` };
}
