// Vite builds the SPA into apps/web/dist (apps/api serves it); in dev it proxies the API surface to npm start.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const api = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": decodeURIComponent(new URL("./src", import.meta.url).pathname) } },
  // The shell chunk is React + Router + Query + the Fluent components the frame uses; every blade is its own chunk.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      "/api": api,
      "/graph": api,
      // The token endpoint and OIDC discovery live under /{tenant}/... as on login.microsoftonline.com.
      "^/[^/]+/(oauth2|v2\\.0|discovery)/": api,
      "/common/discovery": api,
    },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
