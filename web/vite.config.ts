import { defineConfig } from 'vite';

// The console is served by the Rust hub at `/` from web/dist/console, under a strict CSP
// (script-src 'self'; style-src 'self'): everything must be an external, hashed file.
export default defineConfig({
  root: 'console',
  base: '/',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // No inline <script> for the module-preload polyfill (CSP); modern browsers don't need it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
