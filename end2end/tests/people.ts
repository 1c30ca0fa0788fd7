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

/** Follows a link of the main navigation (client-side: works offline once the app is loaded). */
export async function navigate(page: Page, name: string | RegExp) {
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name }).click();
}

/** A dispute as a grid worker records it: what happened, between whom, where. */
export interface Dispute {
  summary: string;
  applicant: string;
  respondent: string;
  category?: string;
  place?: string;
  applicantPhone?: string;
}

/** Fills the record form (already open) on the grid worker's phone and saves it to the outbox. */
export async function recordDispute(page: Page, d: Dispute) {
  await page.getByLabel("纠纷类别").selectOption(d.category ?? "neighbourhood");
  await page.getByLabel("纠纷简要情况").fill(d.summary);
  await page.locator("#party-0-name").fill(d.applicant);
  await page.locator("#party-1-name").fill(d.respondent);
  if (d.applicantPhone) await page.locator("#party-0-phone").fill(d.applicantPhone);
  await page.getByLabel("发生地点").fill(d.place ?? "樟树潭社区2幢");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  // Saved; online it may have synced already, and the confirmation then says so.
  await expect(page.getByTestId("saved-case")).toContainText(/已保存到本机，将自动同步。|已同步：服务器已收到/);
}

/** Waits until this device's outbox is empty: everything recorded has reached the server. */
export async function synced(page: Page) {
  await expect(page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });
}

/** Opens a case from the unit's work list (办案) and waits for its page to be live. */
export async function openFromWorkList(page: Page, summary: string) {
  await navigate(page, "办案");
  await expect(page.getByRole("heading", { level: 1, name: "本单位在办案件" })).toBeVisible();
  await page.locator(".work-item", { hasText: summary }).getByRole("link", { name: summary }).click();
  await expect(page).toHaveURL(/\/cases\//);
  await hydrated(page);
}

/** Collects the browser console's panics and errors, to fail on any. */
export function watchConsole(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /panicked|unreachable|RuntimeError/.test(text)) seen.push(text);
  });
  page.on("pageerror", (error) => seen.push(String(error)));
  return seen;
}

/** Waits until the service worker controls the page and holds every page's chunk. */
export async function readyOffline(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const keys = (await cache.keys()).map((r) => new URL(r.url).pathname);
      if (keys.some((p) => p.includes("split___case_route")) && (await cache.match("/"))) return true;
    }
    return false;
  });
}

/** Waits until the device keeps the details of the case with this summary (fetched by a sync). */
export async function keptCase(page: Page, summary: string) {
  await page.waitForFunction(
    (text) =>
      Object.keys(localStorage).some((key) => key.includes("/case/") && (localStorage.getItem(key) ?? "").includes(text)),
    summary,
    { timeout: 20_000 }
  );
}
