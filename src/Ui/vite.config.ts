/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by the Catalog host: index.html at "/" (with SPA fallback for client
// routes) and its assets under "/ui/", so every asset URL in the bundle must be absolute.
export default defineConfig({
  plugins: [react()],
  base: '/ui/',
  build: {
    outDir: '../Catalog/wwwroot/ui',
    emptyOutDir: true,
    sourcemap: false,
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
