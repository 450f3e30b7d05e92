import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the renderer (renderer/index.html) into dist/renderer with relative URLs, so the same
 * files load under Electron's `app://studio/` and under the browser host's `http://127.0.0.1:PORT/`.
 * Everything is bundled (fonts and icons included): no CDN, the app works offline.
 */
export const config = defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
});

// Vite reads the config file's default export; this is the one default export the tool requires.
export default config;
