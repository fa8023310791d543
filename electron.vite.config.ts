import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { bundledLicenses } from './scripts/lib/bundled-licenses.js';

// Three builds: main (Electron shell + browser-mode host + sandbox broker CLI, all plain Node),
// preload (one self-contained CommonJS bundle so `sandbox: true` works) and the renderer. Each
// writes licenses.json: the third-party packages it ships, for the About dialog.
export default defineConfig({
  main: {
    plugins: [bundledLicenses(__dirname)],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/app/main.ts'),
          serve: resolve(__dirname, 'src-main/hosts/serve-cli.ts'),
          sandbox: resolve(__dirname, 'src-main/broker/cli.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [bundledLicenses(__dirname)],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react(), bundledLicenses(__dirname)],
  },
});
