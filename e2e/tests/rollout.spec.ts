import { E2E_ADMIN } from '../support/stack.js';
import { expect, newAccount, signIn, signUp, test } from './fixtures.js';

test('journey 4: a new user without chat; an admin adds them to a cohort on the admin page; after a reload they can chat; the audit log shows it', async ({
  page,
  browser,
  admin,
}) => {
  await admin.resetChatFlag();
  const account = newAccount('newcomer');
  await signUp(page, account);
  await expect(page.getByRole('heading', { name: 'Chat is not available for you yet' })).toBeVisible();

  const adminContext = await browser.newContext({ baseURL: process.env.PARLEY_E2E_BASE_URL });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, E2E_ADMIN.email, E2E_ADMIN.password);
  await adminPage.goto('/admin?tab=cohorts');
  const cohortName = `beta-${account.email.slice(9, 17)}`;
  const create = adminPage
    .getByRole('region', { name: /Create a cohort|New cohort|cohort/i })
    .filter({ has: adminPage.getByRole('button', { name: 'Create cohort' }) });
  await create.getByRole('textbox', { name: 'Name' }).fill(cohortName);
  await create.getByRole('button', { name: 'Create cohort' }).click();
  // Creating a cohort opens it (the list shows for a moment first: do not click into it).
  const addMembers = adminPage.getByRole('textbox', { name: 'Add members by email' });
  await expect(adminPage).toHaveURL(/[?&]cohort=[0-9a-f-]{36}/);
  await addMembers.fill(account.email);
  await adminPage.getByRole('button', { name: 'Add members' }).click();
  await expect(adminPage.getByText(`Added 1 member to ${cohortName}.`)).toBeVisible();

  await adminPage.getByRole('tab', { name: 'Rollout' }).click();
  // By name: the member count in the option's label may still be the one read before the add.
  const choose = adminPage.getByLabel('Cohort to add');
  const option = choose.locator('option', { hasText: cohortName });
  await expect(option).toHaveCount(1);
  await choose.selectOption((await option.getAttribute('value'))!);
  await adminPage.getByRole('button', { name: 'Add cohort' }).click();
  await expect(
    adminPage.getByRole('list', { name: 'Cohorts in the audience' }).getByText(cohortName),
  ).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'New chat' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Chat is not available for you yet' })).toBeHidden();

  await adminPage.getByRole('tab', { name: 'Audit log' }).click();
  const entries = adminPage.getByRole('list', { name: 'Audit entries' });
  await expect(entries.getByText('feature:chat').first()).toBeVisible();
  await expect(entries.getByText(/members_added|added/i).first()).toBeVisible();
  await adminContext.close();
});
