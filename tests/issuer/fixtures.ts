// What the live journeys share: the running privacyIDEA (started by global-setup.ts), its
// administrator's client, and fresh browser profiles whose camera shows a given QR.
import { expect, type Browser, type Page } from '@playwright/test';
import { PiAdmin } from '../../scripts/privacyidea/admin-client.mjs';
import type { PiServer } from '../../scripts/privacyidea/server.mjs';
import { cameraFeed, launchWithCamera } from '../e2e/helpers/qr';
import { setUpPin, shownCode, slotItem, unlock } from '../e2e/helpers/app';

export type PiInfo = Omit<PiServer, 'stop'>;

export function piInfo(): PiInfo {
  const text = process.env.KEYSLOT_PI_STATE;
  if (!text) throw new Error('KEYSLOT_PI_STATE is not set: run these tests with `npm run test:issuer`');
  return JSON.parse(text) as PiInfo;
}

export async function piAdmin(): Promise<PiAdmin> {
  const pi = piInfo();
  return PiAdmin.login(pi.url, pi.admin.username, pi.admin.password);
}

export interface Profile {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh browser (new profile, nothing stored) whose fake camera shows `qrText`, with a PIN
 * set up and the list open. `qrText` null: no camera feed.
 */
export async function freshProfile(baseURL: string, qrText: string | null, clockAt?: number): Promise<Profile> {
  const browser = await launchWithCamera(qrText === null ? null : await cameraFeed(qrText));
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  if (clockAt !== undefined) await page.clock.install({ time: clockAt });
  await setUpPin(page);
  return { browser, page, close: () => browser.close() };
}

/** Add a slot → Scan QR code: the camera reads whatever the profile's feed shows. */
export async function scan(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('button', { name: 'Scan QR code' }).click();
}

/** After a reload and unlock (what is stored, not what is on screen): no privacyIDEA slot. */
export async function expectNothingStored(page: Page): Promise<void> {
  await page.goto('/');
  await unlock(page);
  await expect(page.getByRole('listitem', { name: /privacyIDEA/ })).toHaveCount(0);
}

/** privacyIDEA's own name for a token's slot: issuer "privacyIDEA", account = token serial. */
export const slotOf = (serial: string) => new RegExp(`privacyIDEA.*${serial}|${serial}.*privacyIDEA`);

/** The code a slot shows now (an HOTP slot first generates one), six digits. */
export async function currentCode(page: Page, name: RegExp, kind: 'totp' | 'hotp'): Promise<string> {
  if (kind === 'hotp') await slotItem(page, name).getByRole('button', { name: 'Generate code' }).click();
  await expect.poll(() => shownCode(page, name)).toMatch(/^\d{6}$/);
  return shownCode(page, name);
}

/** An administrator's smartphone container for `user` with a TOTP and an HOTP token. */
export async function containerFor(user = 'alice') {
  const admin = await piAdmin();
  const made = await admin.createSmartphoneContainer({ user, realm: piInfo().realm });
  const totp = made.tokens.find((t) => t.type === 'totp')!;
  const hotp = made.tokens.find((t) => t.type === 'hotp')!;
  return { admin, containerSerial: made.containerSerial, totp, hotp };
}

/** The registration screen Keyslot shows for a scanned `pia://` QR. */
export const registration = (page: Page) =>
  page.getByRole('heading', { name: 'Register this device with privacyIDEA' });

/**
 * Scans the profile's QR and confirms the registration with one press (answering the
 * passphrase prompt when given). Resolves when Keyslot says the slots were added, with the
 * milliseconds from the press to that message (registration + first sync on loopback).
 */
export async function registerByScan(page: Page, answer?: { prompt: string; text: string }): Promise<number> {
  await scan(page);
  return confirmRegistration(page, answer);
}

/** On the registration screen: answer the passphrase prompt if any, press once, wait for the slots. */
export async function confirmRegistration(page: Page, answer?: { prompt: string; text: string }): Promise<number> {
  await expect(registration(page)).toBeVisible();
  if (answer !== undefined) await page.getByLabel(answer.prompt).fill(answer.text);
  const started = Date.now();
  await registerButton(page).click();
  await expect(announced(page, /Slot added: \d+ slots? from privacyIDEA/)).toBeAttached({ timeout: 30_000 });
  return Date.now() - started;
}

/** The one button that registers: the add flow's "Add slot" (the e2e interface contract). */
export const registerButton = (page: Page) => page.getByRole('button', { name: 'Add slot' });

/** Sync from the slot's menu ("Sync with privacyIDEA"), as a user would. */
export async function syncFromMenu(page: Page, name: RegExp): Promise<void> {
  const item = slotItem(page, name);
  const sync = item.getByRole('button', { name: 'Sync with privacyIDEA' });
  // The menu may still be open from an earlier entry (a dialog opened from it closes back to it).
  if (!(await sync.isVisible())) await item.getByRole('button', { name: /^Options for/ }).click();
  await sync.click();
}

/** The app's announcement (a live status region) holding `text`. */
export const announced = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
