import { defineConfig } from 'vite';

// The embeddable chat widget: one classic script (IIFE, no imports, no chunks, CSS inlined
// as a string for its shadow root), built to dist/widget/widget.js and served by the hub
// at /widget.js. Libraries paste a single <script> tag; nothing else is ever fetched.
export default defineConfig({
  root: 'widget',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: '../dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    minify: true,
    lib: {
      entry: 'src/main.tsx',
      formats: ['iife'],
      name: 'RefdeskWidget',
      fileName: () => 'widget.js',
    },
  },
});
