// The dashboard's build: `vite build web` (root = this folder) writes web/dist, which `punchlist
// serve` serves as static files. In development `vite web` proxies the API to a running serve.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // React and the router are ~320 KB before gzip (~100 KB after); pages are split into their own chunks.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4545' },
  },
});
