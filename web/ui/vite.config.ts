import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the web module's classes, so Maven packages it into the jar under webroot/.
// `npm run dev` proxies the API to a local `./lethe serve` (LETHE_URL, default :8080).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../target/classes/webroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': process.env.LETHE_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
