// The machines that run the tests are shared: generous default timeouts, so a loaded machine does not
// fail a test that is only slow. Tests that bound a hang (hostile input) set their own timeout.
import { defineConfig } from 'vitest/config';

// The validate cache (validate-cache.ts) is off, so no test depends on what an earlier one left;
// tests/validate-cache.test.ts turns it on in a folder of its own.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000, env: { OVERENS_CACHE: '0' } } });
