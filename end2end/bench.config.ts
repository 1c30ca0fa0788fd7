import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// The phone benchmarks: figures, not pass/fail timings. `make bench` runs them against the
// release server; they print a table and write test-results/bench/phone.json.
export default defineConfig({
  ...base,
  testDir: "./bench",
  testMatch: "*.bench.ts",
  timeout: 300_000,
});
