import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export interface TestAccount {
  name: string;
  email: string;
  password: string;
}

/** A fresh account per test, so tests never share state. */
export function newAccount(name = 'Alex Tester'): TestAccount {
  return { name, email: `e2e-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse battery' };
}

/** Signs up through the form and waits for the personal workspace's bots page. */
export async function signUp(page: Page, account: TestAccount) {
  await page.goto('/sign-up');
  await fillSignUpForm(page, account);
}

export async function fillSignUpForm(page: Page, account: TestAccount) {
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signUpToWorkspace(page: Page, account: TestAccount) {
  await signUp(page, account);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
}

export async function signIn(page: Page, account: Pick<TestAccount, 'email' | 'password'>) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function createBot(page: Page, name: string, description = '') {
  await page.getByRole('button', { name: /^(New bot|Create your first bot)$/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a bot' });
  await dialog.getByLabel('Bot name').fill(name);
  if (description) await dialog.getByLabel('Description').fill(description);
  await dialog.getByRole('button', { name: 'Create bot' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Bots' }).getByText(name, { exact: true })).toBeVisible();
}

/** The error a form shows (Next's route announcer is an alert too, so scope to the form). */
export function formAlert(page: Page) {
  return page.locator('form').getByRole('alert');
}
