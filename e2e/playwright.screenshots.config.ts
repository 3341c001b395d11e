import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/** make screenshots: the same stack as the journeys, pictures into docs/screenshots. */
export default defineConfig({
  ...base,
  testDir: './screenshots',
  reporter: [['list']],
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
