// The machines that run the tests are shared: generous default timeouts, so a loaded machine does not
// fail a test that is only slow. Tests that bound a hang (hostile input) set their own timeout.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
