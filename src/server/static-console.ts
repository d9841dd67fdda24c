import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

// Everything the console loads comes from this server: no CDN, no inline script.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** Where `npm run build:web` puts the console: `dist/web` beside the compiled server, or from the sources. */
export function consoleDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // compiled: <root>/dist/src/server/ → <root>/dist/web; from source: <root>/src/server/ → <root>/dist/web
  // (never <root>/web itself: that is the unbuilt source page).
  const dir = join(here, here.endsWith('/dist/src/server/') ? '../../web' : '../../dist/web');
  if (existsSync(join(dir, 'index.html'))) return dir;
  return undefined;
}

/**
 * Serves the built web console at `/` (its routes live after `#`, so one page is enough) and its hashed
 * assets under `/assets/`. Public: the page holds no data; every call it makes carries the user's key.
 */
export function registerStaticConsole(app: FastifyInstance, dir: string | undefined): void {
  const cache = new Map<string, Buffer>();
  const load = async (file: string) => {
    const hit = cache.get(file);
    if (hit !== undefined) return hit;
    const body = await readFile(join(dir!, file));
    cache.set(file, body);
    return body;
  };
  const opts = { config: { public: true }, schema: { hide: true } } as const;

  app.get('/', opts, async (_req, reply) => {
    reply.header('content-security-policy', CSP).header('cache-control', 'no-cache');
    if (dir === undefined)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The web console is not built: run `npm run build` (or `npm run build:web`) and restart.\n');
    return reply.type('text/html; charset=utf-8').send(await load('index.html'));
  });

  app.get<{ Params: { file: string } }>('/assets/:file', opts, async (req, reply) => {
    const file = req.params.file;
    // Only names vite writes (no separators, no dot-dot): nothing outside the assets folder can be named.
    if (dir === undefined || !/^[\w-]+(\.[\w-]+)*$/.test(file) || !existsSync(join(dir, 'assets', file)))
      return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .send(await load(join('assets', file)));
  });
}
