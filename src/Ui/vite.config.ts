/// <reference types="vitest/config" />
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { firstPageChunks, withBootScript, withCompileHint } from './src/build/firstPage';

// The app is served by the Catalog host: index.html at "/" (with SPA fallback for client
// routes) and its assets under "/ui/", so every asset URL in the bundle must be absolute.
export default defineConfig({
  plugins: [react(), bootScriptFirst(), compileFirstPageEagerly()],
  base: '/ui/',
  build: {
    outDir: '../Catalog/wwwroot/ui',
    emptyOutDir: true,
    sourcemap: false,
    // src/boot.ts is an entry of its own (see bootScriptFirst): index.html's scripts would all be bundled into one.
    rollupOptions: { input: { index: 'index.html', boot: 'src/boot.ts' } },
  },
  server: {
    // `npm run dev` talks to a locally running `dotnet run --project src/Catalog`.
    proxy: { '/graphql': process.env.TOWNLAKE_URL ?? 'http://localhost:5080' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // `dotnet test` runs these on a busy 2-core machine next to browser tests: be patient, not flaky.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

/**
 * Puts the boot entry's script before the app's in the built index.html. It needs only the query cache and the GraphQL
 * client, so, marked async, it runs as soon as those few kB have arrived, and the first page's requests are on their
 * way while React and the app still load and compile. Whichever of the two scripts runs first starts the requests; the
 * other finds them under way (main.tsx starts them too, so `npm run dev`, without this script, works the same).
 */
function bootScriptFirst(): Plugin {
  let base = '/';
  return {
    name: 'townlake-boot-script-first',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const boot = Object.values(context.bundle ?? {}).find((file) => file.type === 'chunk' && file.isEntry && file.name === 'boot');
        if (!boot) throw new Error('bootScriptFirst: the boot entry is missing from the build.');
        return withBootScript(html, base + boot.fileName);
      },
    },
  };
}

/**
 * Marks the chunks every first page load runs (the entries and what they import statically, not the lazy routes) with
 * V8's explicit compile hint, `//# allFunctionsCalledOnLoad`. Chromium then compiles their functions on the thread
 * that streams the script in, instead of one by one on the main thread the first time each is called (React's first
 * render calls most of react-dom). Other browsers ignore the comment.
 */
function compileFirstPageEagerly(): Plugin {
  return {
    name: 'townlake-compile-first-page-eagerly',
    apply: 'build',
    // Once written: Vite's last step on the entry chunk puts its preload list at the top, and the hint must come first.
    async writeBundle(options, bundle) {
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      for (const fileName of firstPageChunks(chunks)) {
        const path = resolve(options.dir!, fileName);
        await writeFile(path, withCompileHint(await readFile(path, 'utf8')));
      }
    },
  };
}
