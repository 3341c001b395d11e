import { expect, newAccount, signUp, test } from './fixtures.js';

test.describe.configure({ mode: 'serial' });

test('a new user outside the audience sees that chat is not available yet', async ({ page, admin }) => {
  await admin.resetChatFlag();
  const account = newAccount('newcomer');
  await signUp(page, account);
  await expect(page.getByRole('heading', { name: 'Chat is not available for you yet' })).toBeVisible();
});
