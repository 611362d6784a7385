import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// GraphiQL is served by the Catalog host at GET /graphql, its assets under "/graphiql/".
export default defineConfig({
  root: 'graphiql',
  plugins: [react()],
  base: '/graphiql/',
  build: {
    outDir: '../../Catalog/wwwroot/graphiql',
    emptyOutDir: true,
    sourcemap: false,
    // Monaco (GraphiQL's editor) is large by nature; this page is a developer tool.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // GraphiQL ships React-compiler directives ("use no memo") that bundling drops on purpose.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
