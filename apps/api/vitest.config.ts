import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Each test file builds its own app on its own database (test/harness.ts), so files need no module
    // isolation; reusing a worker's loaded modules (Prisma clients, Express, zod schemas) saves most of the
    // suite's import time.
    isolate: false,
  },
});
