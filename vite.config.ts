import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const DATA_FONT =
  /url\((['"]?)data:font\/(woff2?|ttf|otf);(?:charset=[^;,]+;)?base64,([A-Za-z0-9+/=]+)\1\)/g;

/**
 * Moves fonts that packages ship inline as `data:` URIs (Cloudscape's Open Sans, ag-grid's
 * icon font) into files next to the CSS: the renderer's CSP allows `font-src 'self'` only.
 */
export function extractInlineFonts(): Plugin {
  return {
    name: 'poc-studio:extract-inline-fonts',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (
          asset.type !== 'asset' ||
          !asset.fileName.endsWith('.css') ||
          typeof asset.source !== 'string'
        )
          continue;
        const cssDirectory = asset.fileName.includes('/')
          ? asset.fileName.slice(0, asset.fileName.lastIndexOf('/') + 1)
          : '';
        asset.source = asset.source.replace(
          DATA_FONT,
          (_match, _quote: string, format: string, base64: string) => {
            const reference = this.emitFile({
              type: 'asset',
              name: `font.${format}`,
              source: Buffer.from(base64, 'base64'),
            });
            const fileName = this.getFileName(reference);
            const relative = fileName.startsWith(cssDirectory)
              ? fileName.slice(cssDirectory.length)
              : `../${fileName}`;
            return `url("./${relative}")`;
          },
        );
      }
    },
  };
}

/**
 * Builds the renderer (renderer/index.html) into dist/renderer with relative URLs, so the same
 * files load under Electron's `app://studio/` and under the browser host's `http://127.0.0.1:PORT/`.
 * Everything is bundled (fonts and icons included): no CDN, the app works offline. Nothing is
 * inlined as `data:` fonts or `<style>` elements, for the CSP of electron/host/csp.ts.
 */
export const config = defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), extractInlineFonts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    // The chunk graph (dist/renderer/.vite/manifest.json) is what the startup-split test reads.
    manifest: true,
    rolldownOptions: {
      output: {
        // ECharts and AG Grid in chunks of their own, loaded only by the screens that show a
        // chart or a grid (the step screens load lazily: renderer/src/app/StepContent.tsx).
        codeSplitting: {
          // Only the libraries themselves: their dependencies (React, tslib) stay shared.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
            { name: 'ag-grid', test: /node_modules[\\/](ag-grid-community|ag-grid-react)[\\/]/ },
          ],
        },
      },
    },
  },
});

// Vite reads the config file's default export: the one default export a tool requires.
export default config;
