import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { E2E_ADMIN, E2E_DAILY_QUOTA } from '../support/stack.js';
import { expect, newAccount, newChat, signIn, signUp, test } from '../tests/fixtures.js';

const out = (name: string) =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots', `${name}.png`);

async function conversation(page: Page, prompts: string[], fromEmptyPage = false) {
  // On a phone "New chat" sits in the drawer; the empty page's composer starts a chat by itself.
  if (!fromEmptyPage) await newChat(page);
  for (const prompt of prompts) {
    await page.getByRole('textbox', { name: 'Message' }).fill(prompt);
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(page.getByRole('button', { name: 'Stop generating' })).toBeHidden();
    await expect(
      page.getByRole('article', { name: 'Assistant' }).last().getByRole('heading', { name: 'Demo reply' }),
    ).toBeVisible();
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the chat page, desktop and phone, ${scheme}`, async ({ browser, admin }) => {
    await admin.openChatToEveryone();
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({
        baseURL: process.env.PARLEY_E2E_BASE_URL,
        colorScheme: scheme,
        viewport,
        deviceScaleFactor: device === 'phone' ? 2 : 1,
      });
      const page = await context.newPage();
      await signUp(page, newAccount('reader'));
      if (device === 'phone')
        await expect(page.getByRole('button', { name: 'Open the chat list' })).toBeVisible();
      await conversation(page, ['How do I paginate a large table without offsets?'], device === 'phone');
      await page.screenshot({ path: out(`chat-${device}-${scheme}`) });
      await context.close();
    }
  });
}

test('the quota warning at 80%', async ({ page, admin }) => {
  await admin.openChatToEveryone();
  await signUp(page, newAccount('heavy'));
  await conversation(
    page,
    Array.from({ length: Math.ceil(E2E_DAILY_QUOTA * 0.8) }, (_, i) => `Question ${i + 1}`),
  );
  await page.screenshot({ path: out('quota-warning') });
});

test('the admin rollout page', async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin');
  await expect(page.getByRole('slider', { name: 'Percentage of users' })).toBeVisible();
  await page.screenshot({ path: out('admin-rollout'), fullPage: true });
});
