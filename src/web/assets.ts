/**
 * Static assets: the client script and the service worker bundled and minified by esbuild, the
 * stylesheet and the icon as they are. The build (`npm run build`, made by `npm install`) writes
 * them to `dist/assets/`; from the sources they are made in memory at start instead. Each is
 * served under a content-hashed name with a year-long immutable cache, so a new release is
 * fetched at once and an unchanged one never again — except the service worker, served as
 * `/sw.js` at the site's root (a worker's scope is its folder: there, every page) and checked
 * by browsers for a new version (no-cache).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildFile, fromBuild, projectFile } from '../platform/files.ts';

/** The public URLs of the built assets. */
export interface Assets {
  script: string;
  style: string;
  /** The map script (Leaflet and places' map), loaded only by the pages with a map. */
  map: string;
  /** Leaflet's stylesheet, beside its marker and control images. */
  mapStyle: string;
}

interface Asset {
  body: Buffer;
  type: string;
}

/** Where the build puts the assets, in its folder. */
export const builtAssets = {
  script: 'assets/main.js',
  map: 'assets/map.js',
  leaflet: 'assets/leaflet/',
  worker: 'assets/sw.js',
  style: 'assets/styles.css',
  icon: 'assets/favicon.svg',
};
/** Leaflet's images its stylesheet names (markers, the layers control). */
export const leafletImages = [
  'layers.png',
  'layers-2x.png',
  'marker-icon.png',
  'marker-icon-2x.png',
  'marker-shadow.png',
];

/** Their sources. */
export const assetSources = {
  script: 'src/web/client/main.ts',
  map: 'src/web/client/map.ts',
  /** Leaflet's stylesheet and images, served from our own assets (never a CDN). */
  leaflet: 'node_modules/leaflet/dist/',
  worker: 'src/web/client/sw.ts',
  style: 'src/web/styles.css',
  icon: 'src/web/favicon.svg',
};

/**
 * A client script (`source`, default `src/web/client/main.ts`) and what it imports, bundled and
 * minified (ES2020).
 */
export async function bundleClientScript(source = assetSources.script): Promise<Buffer> {
  // Imported here, so the built server never loads esbuild.
  const { build } = await import('esbuild');
  const bundle = await build({
    entryPoints: [fileURLToPath(projectFile(source))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return Buffer.from(bundle.outputFiles[0].contents);
}

/** Reads (or, from the sources, builds) the assets and registers `GET /assets/:file`. */
export async function registerAssets(app: FastifyInstance): Promise<Assets> {
  const [script, worker, map, style, icon] = fromBuild
    ? [builtAssets.script, builtAssets.worker, builtAssets.map, builtAssets.style, builtAssets.icon].map(
        (p) => readFileSync(buildFile(p)),
      )
    : [
        ...(await Promise.all([
          bundleClientScript(),
          bundleClientScript(assetSources.worker),
          bundleClientScript(assetSources.map),
        ])),
        ...[assetSources.style, assetSources.icon].map((p) => readFileSync(projectFile(p))),
      ];
  const leafletDir = fromBuild ? buildFile(builtAssets.leaflet) : projectFile(assetSources.leaflet);
  const hash = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 12);
  const scriptName = `main.${hash(script)}.js`;
  const styleName = `styles.${hash(style)}.css`;
  const mapName = `map.${hash(map)}.js`;
  const files = new Map<string, Asset>([
    [scriptName, { body: script, type: 'text/javascript; charset=utf-8' }],
    [styleName, { body: style, type: 'text/css; charset=utf-8' }],
    [mapName, { body: map, type: 'text/javascript; charset=utf-8' }],
    ['favicon.svg', { body: icon, type: 'image/svg+xml' }],
  ]);
  // Leaflet's stylesheet names its images relatively (`images/marker-icon.png`): both are served
  // under one folder named by the stylesheet's hash, so a new Leaflet is fetched anew.
  const leafletCss = readFileSync(new URL('leaflet.css', leafletDir));
  const leaflet = `leaflet.${hash(leafletCss)}`;
  files.set(`${leaflet}/leaflet.css`, { body: leafletCss, type: 'text/css; charset=utf-8' });
  for (const image of leafletImages) {
    files.set(`${leaflet}/images/${image}`, {
      body: readFileSync(new URL(`images/${image}`, leafletDir)),
      type: 'image/png',
    });
  }

  app.get('/assets/*', { schema: { hide: true } }, async (req, reply) => {
    const asset = files.get((req.params as { '*': string })['*']);
    if (!asset) return reply.callNotFound();
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  });
  app.get('/sw.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(worker),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/assets/favicon.svg', 301),
  );
  return {
    script: `/assets/${scriptName}`,
    style: `/assets/${styleName}`,
    map: `/assets/${mapName}`,
    mapStyle: `/assets/${leaflet}/leaflet.css`,
  };
}
