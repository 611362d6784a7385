// Writes a Brotli (.br) and a gzip (.gz) copy next to every built JS, CSS, SVG, JSON and HTML file of the UI and the
// GraphiQL explorer, so the Catalog host serves them precompressed (src/Catalog/Hosting/StaticAssetDelivery.cs)
// instead of compressing on every request. Runs after `vite build` (see package.json "build").
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const roots = ['../Catalog/wwwroot/ui', '../Catalog/wwwroot/graphiql'].map((p) => resolve(import.meta.dirname, '..', p));
const compressible = /\.(js|mjs|css|svg|json|html|txt|webmanifest)$/;
// Below this size a compressed copy saves less than a request's headers.
const minimumBytes = 1024;

let files = 0;
let before = 0;
let after = 0;
for (const root of roots) {
  for (const file of walk(root)) {
    if (!compressible.test(file)) continue;
    const content = readFileSync(file);
    if (content.length < minimumBytes) continue;
    const brotli = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    writeFileSync(file + '.br', brotli);
    writeFileSync(file + '.gz', gzipSync(content, { level: 9 }));
    files += 1;
    before += content.length;
    after += brotli.length;
  }
}

console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} KiB -> ${(after / 1024).toFixed(0)} KiB with Brotli`);

function* walk(directory) {
  let entries;
  try {
    entries = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (!name.endsWith('.br') && !name.endsWith('.gz')) yield path;
  }
}
