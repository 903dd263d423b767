import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests run the real build (Eleventy, pdfkit): give them time on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
