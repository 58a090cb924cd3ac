// Vite build of Keel's UI into ui/dist (served by Tauri) and the Vitest set-up for unit tests.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Keep assets as files: the CSP allows no inline scripts or styles.
    assetsInlineLimit: 0,
  },
  // Component tests mount Svelte in jsdom, which needs Svelte's browser build.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
}));
