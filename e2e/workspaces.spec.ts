import { expect, test } from '@playwright/test';
import { createBot, fillSignUpForm, newAccount, signOut, signUpToWorkspace } from './helpers';

test('create a workspace, rename it and switch between workspaces', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Sam Lead'));
  await createBot(page, 'Personal bot');

  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await page.getByRole('menuitem', { name: 'Create workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a workspace' });
  await dialog.getByLabel('Workspace name').fill('Acme Support');
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('button', { name: /Workspace: Acme Support/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No bots yet' })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Workspace name').fill('Acme Customer Care');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('button', { name: /Workspace: Acme Customer Care/ })).toBeVisible();

  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await page.getByRole('menuitem', { name: /Sam's workspace/ }).click();
  await expect(page.getByRole('list', { name: 'Bots' }).getByText('Personal bot')).toBeVisible();
});

test('invite a member by link, change their role, and remove them', async ({ browser, page }) => {
  const owner = newAccount('Olivia Owner');
  await signUpToWorkspace(page, owner);
  await createBot(page, 'Shared bot');
  await page.getByRole('link', { name: 'Settings' }).click();

  await page.getByLabel('Role', { exact: true }).click();
  await page.getByRole('option', { name: /^Viewer/ }).click();
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByLabel(/Invite link/).inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await expect(page.getByRole('list', { name: 'Open invite links' }).getByText(/Viewer/)).toBeVisible();

  // The invitee has no account yet: signs up from the link and joins.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  const viewer = newAccount('Victor Viewer');
  await invitee.goto(link);
  await invitee.getByRole('link', { name: 'Create an account' }).click();
  await invitee.waitForURL(/\/sign-up\?next=/);
  await fillSignUpForm(invitee, viewer);
  await expect(invitee.getByText(/You are invited to/)).toContainText("Olivia's workspace");
  await invitee.getByRole('button', { name: /^Join/ }).click();
  await expect(invitee.getByRole('button', { name: /Workspace: Olivia's workspace/ })).toBeVisible();
  await expect(invitee.getByRole('list', { name: 'Bots' }).getByText('Shared bot')).toBeVisible();
  const sharedWorkspaceUrl = invitee.url();
  // A viewer reads but cannot edit.
  await expect(invitee.getByRole('button', { name: 'New bot' })).toHaveCount(0);
  await expect(invitee.getByRole('button', { name: 'Actions for Shared bot' })).toHaveCount(0);

  // The link worked once.
  await invitee.goto(link);
  await expect(invitee.getByRole('alert').filter({ hasText: /invite link/ })).toContainText('invalid, expired or already used');

  await page.reload();
  await expect(page.getByRole('list', { name: 'Open invite links' }).getByRole('listitem')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Role of Victor Viewer' }).click();
  await page.getByRole('option', { name: /^Editor/ }).click();
  await expect(page.getByRole('combobox', { name: 'Role of Victor Viewer' })).toContainText('Editor');

  // As an editor the same member can now change bots.
  await invitee.goto(sharedWorkspaceUrl);
  await expect(invitee.getByRole('button', { name: 'Actions for Shared bot' })).toBeVisible();
  await expect(invitee.getByRole('button', { name: 'New bot' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove Victor Viewer' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'Victor Viewer' })).toHaveCount(0);
  // Removed: the workspace is gone for them.
  await invitee.goto(sharedWorkspaceUrl);
  await expect(invitee.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();

  await signOut(page);
  await inviteeContext.close();
});
