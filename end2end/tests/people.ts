import { expect, type Browser, type Page } from "@playwright/test";

// The demo logins (server/src/seed.rs) and the screens people work on, shared by every spec.
export const PASSWORD = "fengqiao2026";
export const phone = { width: 360, height: 740 };
export const tablet = { width: 800, height: 1280 };
export const desktop = { width: 1366, height: 768 };

/** Resolves once the wasm has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
}

/** Fills the sign-in form (the caller checks what came of it). */
export async function signIn(page: Page, username: string, password: string = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A person signed in on their own device (a browser context with their screen size). */
export async function signedIn(browser: Browser, username: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, username);
  await expect(page.locator(".whoami-name")).toBeVisible();
  return { context, page };
}
