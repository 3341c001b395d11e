import { E2E_DAILY_QUOTA } from '../support/stack.js';
import { expect, newAccount, newChat, signUp, test } from './fixtures.js';

test('journey 3: send until the daily quota is used up; the input disables and the countdown shows; the API says 429', async ({
  page,
  admin,
}) => {
  await admin.openChatToEveryone();
  await signUp(page, newAccount('chatty'));
  await newChat(page);
  const input = page.getByRole('textbox', { name: 'Message' });
  for (let i = 1; i <= E2E_DAILY_QUOTA; i++) {
    await input.fill(`Message number ${i}`);
    await page.getByRole('button', { name: 'Send message' }).click();
    // The list is virtualised: the newest reply is the last one on screen.
    await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText(
      `Message number ${i}`,
    );
    await expect(page.getByRole('button', { name: 'Stop generating' })).toBeHidden();
  }
  await expect(input).toBeDisabled();
  const limits = page.getByRole('group', { name: 'Your limits' });
  await expect(limits.getByText(`${E2E_DAILY_QUOTA}/${E2E_DAILY_QUOTA}`)).toBeVisible();
  await expect(limits.getByText(/resets in/)).toBeVisible();

  // The server refuses too, whatever the UI does: 429 quota_exceeded with Retry-After.
  const refresh = await page.request.post('/api/v1/auth/refresh');
  const token = ((await refresh.json()) as { accessToken: string }).accessToken;
  const sessionId = new URL(page.url()).pathname.split('/').pop();
  const refused = await page.request.post(`/api/v1/chat/sessions/${sessionId}/messages`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { content: 'One more?' },
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  expect(((await refused.json()) as { code: string }).code).toBe('quota_exceeded');
});
