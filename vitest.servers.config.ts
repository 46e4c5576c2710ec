import { defineConfig } from 'vitest/config';

// `npm run test:servers`: the deployment recipes (docs) on real nginx and Caddy, beside
// `vite preview`. Needs nginx and caddy installed (.ci/run installs them); fails if they are not.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/servers/**/*.test.ts'],
    testTimeout: 30_000,
    // One server at a time: the machine is shared, and the servers' logs stay readable.
    fileParallelism: false,
  },
});
