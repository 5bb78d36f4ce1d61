import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run dev` serves the front end on its own against any MediaGraph (MEDIAGRAPH_URL,
// default http://localhost:8080): the dev server passes /graphql and /graphql-ws on, so no
// CORS setting is needed. `npm run build` writes into the app's classpath (Maven runs it), from
// where the app serves it at /.
const api = process.env.MEDIAGRAPH_URL || 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.MEDIAGRAPH_FRONTEND_OUT || fileURLToPath(new URL('../target/classes/static', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: Number(process.env.PORT || 5173),
    proxy: {
      '/graphql': { target: api, changeOrigin: true },
      '/graphql-ws': { target: api, changeOrigin: true, ws: true },
    },
  },
});
