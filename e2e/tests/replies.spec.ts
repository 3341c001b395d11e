import { expect, newAccount, newChat, signUp, test } from './fixtures.js';

// A plain-text reply of numbered words: what a page shows can be compared word by word with
// the final text, whatever the markdown renderer does with a half-received block.
const WORDS = Array.from({ length: 90 }, (_, i) => `w${String(i + 1).padStart(3, '0')}`);
const words = (text: string) => text.match(/w\d{3}/g) ?? [];

declare global {
  interface Window {
    shownReplies?: string[];
  }
}

test.beforeEach(async ({ admin }) => {
  await admin.openChatToEveryone();
});

test('journey 8: a reply goes on through a reload, continues exactly where it was, and another tab sees it arrive', async ({
  page,
  model,
}) => {
  await model.scenario({ text: WORDS.join(' '), chunks: 45, chunkGapMs: 150 });
  await signUp(page, newAccount('reloader'));
  // A second tab of the same browser: signed in by the same refresh cookie.
  const other = await page.context().newPage();
  await other.goto('/');
  const otherChats = other.getByRole('navigation', { name: 'Chats' });
  await expect(other.getByRole('button', { name: 'New chat' }).first()).toBeVisible();

  await newChat(page);
  await page.getByRole('textbox', { name: 'Message' }).fill('Count for me');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText('w004');

  // From the very start of the reloaded page, record every text the reply shows.
  await page.addInitScript(() => {
    window.shownReplies = [];
    const record = () => {
      const replies = document.querySelectorAll('article[aria-label="Assistant"]');
      const text = replies[replies.length - 1]?.textContent ?? '';
      if (text && text !== window.shownReplies!.at(-1)) window.shownReplies!.push(text);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.reload();

  const reply = page.getByRole('article', { name: 'Assistant' }).last();
  await expect(reply).toContainText(WORDS.at(-1)!, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Stop generating' })).toBeHidden();
  await expect(reply.getByText('Stopped')).toHaveCount(0);
  const final = words((await reply.textContent()) ?? '');
  expect(final).toEqual(WORDS);

  const shown = (await page.evaluate(() => window.shownReplies ?? [])).map(words).filter((w) => w.length > 0);
  // The reload happened mid-reply: the page showed it unfinished, then growing.
  expect(shown[0]!.length).toBeLessThan(WORDS.length);
  expect(shown.length).toBeGreaterThan(1);
  // No repeated and no missing piece: every text shown is a prefix of the final one.
  for (const text of shown) expect(final.slice(0, text.length)).toEqual(text);

  // The other tab heard about the chat without a reload, and shows the finished exchange.
  await otherChats.getByRole('link', { name: 'Count for me' }).click();
  await expect(other.getByRole('article', { name: 'You' }).last()).toContainText('Count for me');
  await expect(other.getByRole('article', { name: 'Assistant' }).last()).toContainText(WORDS.at(-1)!);
});
