import { expect, newAccount, newChat, signUp, test, waitForEmptyChat } from './fixtures.js';

test.beforeEach(async ({ admin }) => {
  await admin.openChatToEveryone();
});

test('journey 1: sign up, start a chat, watch the reply stream in, markdown rendered, copy a code block', async ({
  page,
}) => {
  await signUp(page, newAccount('writer'));
  await newChat(page);
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill('Show me what markdown looks like');
  await page.getByRole('button', { name: 'Send message' }).click();

  const reply = page.getByRole('article', { name: 'Assistant' }).last();
  // The demo reply: a heading, a list and a fenced code block, streamed piece by piece.
  await expect(reply.getByRole('heading', { name: 'Demo reply' })).toBeVisible();
  await expect(reply.getByRole('listitem').first()).toBeVisible();
  const code = reply.locator('pre code').first();
  await expect(code).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop generating' })).toBeHidden();

  await reply.getByRole('button', { name: 'Copy code' }).first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe((await code.innerText()).trim());
  // The chat is named after the first message.
  await expect(
    page
      .getByRole('navigation', { name: 'Chats' })
      .getByRole('link', { name: 'Show me what markdown looks like' }),
  ).toBeVisible();
});

test('journey 2: rename, search, delete, undo, delete again; gone after a reload', async ({ page }) => {
  await signUp(page, newAccount('organiser'));
  const chats = page.getByRole('navigation', { name: 'Chats' });
  for (const text of ['Plan a trip to Lisbon', 'Bake sourdough bread']) {
    await newChat(page);
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(
      page.getByRole('article', { name: 'Assistant' }).last().getByRole('heading', { name: 'Demo reply' }),
    ).toBeVisible();
  }
  await expect(chats.getByRole('link')).toHaveCount(2);

  await chats.getByRole('button', { name: 'Actions for Plan a trip to Lisbon' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  const title = page.getByRole('textbox', { name: 'Chat title' });
  await title.fill('Lisbon itinerary');
  await title.press('Enter');
  await expect(chats.getByRole('link', { name: 'Lisbon itinerary' })).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search chats' });
  await search.fill('sourdough');
  await expect(chats.getByRole('link')).toHaveCount(1);
  await expect(chats.getByRole('link', { name: 'Bake sourdough bread' })).toBeVisible();
  await search.fill('');
  await expect(chats.getByRole('link')).toHaveCount(2);

  await chats.getByRole('button', { name: 'Actions for Lisbon itinerary' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(chats.getByRole('link', { name: 'Lisbon itinerary' })).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(chats.getByRole('link', { name: 'Lisbon itinerary' })).toBeVisible();

  await chats.getByRole('button', { name: 'Actions for Lisbon itinerary' }).click();
  // The list drops the chat at once, before the server has answered: a reload while the
  // DELETE is in flight would cancel it, so wait for its answer first.
  const deleted = page.waitForResponse(
    (res) => res.request().method() === 'DELETE' && res.url().includes('/api/v1/chat/sessions/'),
  );
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(chats.getByRole('link', { name: 'Lisbon itinerary' })).toBeHidden();
  expect((await deleted).status()).toBe(204);
  await page.reload();
  await expect(chats.getByRole('link', { name: 'Bake sourdough bread' })).toBeVisible();
  await expect(chats.getByRole('link', { name: 'Lisbon itinerary' })).toHaveCount(0);
});

test('journey 5: stop a slow reply; the partial text stays, marked as stopped, also after a reload', async ({
  page,
  model,
}) => {
  await model.scenario({ chunks: 60, chunkGapMs: 250 });
  await signUp(page, newAccount('impatient'));
  await newChat(page);
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a long story');
  await page.getByRole('button', { name: 'Send message' }).click();
  const reply = page.getByRole('article', { name: 'Assistant' }).last();
  await expect(reply.getByRole('heading', { name: 'Demo reply' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop generating' }).click();
  await expect(reply.getByText('Stopped', { exact: false }).first()).toBeVisible();

  await page.reload();
  const again = page.getByRole('article', { name: 'Assistant' }).last();
  await expect(again.getByText('Stopped', { exact: false }).first()).toBeVisible();
  await expect(again.getByRole('heading', { name: 'Demo reply' })).toBeVisible();
  // Partial: the demo reply's closing line never arrived.
  await expect(again).not.toContainText('Ask me anything else');
});

test('journey 6: the model fails; a clear error and a retry that works once it recovers', async ({
  page,
  model,
}) => {
  await signUp(page, newAccount('unlucky'));
  await newChat(page);
  await model.scenario({ failure: 'http_500' });
  await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
  await page.getByRole('button', { name: 'Send message' }).click();
  const failed = page.getByRole('article', { name: 'Assistant' }).last();
  await expect(failed.getByText(/Error|Interrupted/).first()).toBeVisible();
  const retry = page.getByRole('button', { name: 'Retry' }).last();
  await expect(retry).toBeVisible();

  await model.scenario({ failure: 'none' });
  await retry.click();
  await expect(
    page.getByRole('article', { name: 'Assistant' }).last().getByRole('heading', { name: 'Demo reply' }),
  ).toBeVisible();
});

test('journey 7: keyboard only: create a chat and send a message without the mouse', async ({ page }) => {
  await signUp(page, newAccount('keyboard'));
  const newChat = page.getByRole('button', { name: 'New chat' }).first();
  await expect(newChat).toBeVisible();
  // Tab until "New chat" has the focus, as a keyboard user would.
  for (let i = 0; i < 30 && !(await newChat.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(newChat).toBeFocused();
  await page.keyboard.press('Enter');
  await waitForEmptyChat(page);
  const input = page.getByRole('textbox', { name: 'Message' });
  for (let i = 0; i < 30 && !(await input.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'You' }).last()).toContainText('Typed without a mouse');
  await expect(
    page.getByRole('article', { name: 'Assistant' }).last().getByRole('heading', { name: 'Demo reply' }),
  ).toBeVisible();
});
