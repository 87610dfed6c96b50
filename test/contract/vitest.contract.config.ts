import { defineConfig } from "vitest/config";

/** Runs only the M365 contract tests, with their own certificate setup (see sim-global-setup.ts). */
export default defineConfig({
  test: {
    include: ["test/contract/**/*.test.ts"],
    globalSetup: ["test/contract/sim-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
