import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../support/stack.js';

export interface Account {
  email: string;
  password: string;
  name: string;
}

/** The fake model's control API (scenarios, request log), at the root of its server. */
export class ModelControl {
  constructor(
    private readonly api: APIRequestContext,
    private readonly root: string,
  ) {}

  async scenario(update: Record<string, unknown>): Promise<void> {
    expect((await this.api.put(`${this.root}/__control/scenario`, { data: update })).ok()).toBe(true);
  }

  async reset(): Promise<void> {
    expect((await this.api.post(`${this.root}/__control/reset`)).ok()).toBe(true);
  }
}

/** The admin API, signed in as the bootstrapped admin: journeys set up the audience they need with it. */
export class AdminApi {
  constructor(
    private readonly api: APIRequestContext,
    private readonly token: string,
  ) {}

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async chatFlag(): Promise<{
    enabled: boolean;
    audience: { roles: string[]; cohortIds: string[]; userIds: string[]; percentage: number };
  }> {
    return (await this.api.get('/api/v1/admin/features/chat', { headers: this.headers })).json();
  }

  /** Chat for admins only (the seed), for a journey that wants users outside the audience. */
  async resetChatFlag(): Promise<void> {
    const res = await this.api.put('/api/v1/admin/features/chat', {
      headers: this.headers,
      data: { enabled: true, audience: { roles: ['admin'], cohortIds: [], userIds: [], percentage: 0 } },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  /** Chat for everyone (100%), for journeys about chatting itself. */
  async openChatToEveryone(): Promise<void> {
    const flag = await this.chatFlag();
    const res = await this.api.put('/api/v1/admin/features/chat', {
      headers: this.headers,
      data: { enabled: true, audience: { ...flag.audience, percentage: 100 } },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }
}

export const newAccount = (label = 'user'): Account => {
  const id = randomBytes(4).toString('hex');
  return {
    email: `${label}-${id}@example.com`,
    password: `e2e-password-${id}`,
    name: `${label[0]!.toUpperCase()}${label.slice(1)} ${id}`,
  };
};

export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await signedInShell(page, '/sign-up');
}

/** Starts a new chat and waits until the page is on it (typing earlier would go to the previous draft). */
export async function newChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).first().click();
  await waitForEmptyChat(page);
}

/**
 * The URL changes before the router has rendered the new page: until the new chat's own empty
 * state shows, the input on screen may still be the previous page's, and text typed into it
 * would go to that page's draft.
 */
export async function waitForEmptyChat(page: Page): Promise<void> {
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'What can I help with?' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeEditable();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signedInShell(page, '/sign-in');
}

/**
 * Waits for what a user sees once the session has changed: the form's page is left and the
 * header shows the account menu. A journey that navigated while the sign-in request was still
 * in flight would drop it and land on the sign-in page again.
 */
async function signedInShell(page: Page, formPath: string): Promise<void> {
  await page.waitForURL((url) => url.pathname !== formPath);
  // The account menu's trigger is named after the user; Radix marks it as opening a menu.
  await expect(page.getByRole('banner').locator('button[aria-haspopup="menu"]')).toBeVisible();
}

export const test = base.extend<{ model: ModelControl; admin: AdminApi }>({
  // Known only once global setup has started the stack.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => use(process.env.PARLEY_E2E_BASE_URL),
  model: async ({ playwright }, use) => {
    const api = await playwright.request.newContext();
    const control = new ModelControl(api, process.env.PARLEY_E2E_MODEL_URL!.replace(/\/v1$/, ''));
    await use(control);
    await control.reset();
    await api.dispose();
  },
  admin: async ({ playwright }, use) => {
    const api = await playwright.request.newContext({ baseURL: process.env.PARLEY_E2E_BASE_URL });
    const login = await api.post('/api/v1/auth/login', { data: E2E_ADMIN });
    expect(login.ok(), await login.text()).toBe(true);
    await use(new AdminApi(api, ((await login.json()) as { accessToken: string }).accessToken));
    await api.dispose();
  },
});

export { expect };
