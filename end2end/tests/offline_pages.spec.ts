import { test, expect, type Page } from "@playwright/test";
import { hydrated, navigate, phone, recordDispute, signIn, synced } from "./people";

// Issue 13 (first part): every page a signed-in person can reach opens offline without a panic.
// The lazily loaded pages' code is kept by the service worker when it installs, so following a
// link offline never fails to load a page's chunk; a page whose data is not on the device yet
// says it is offline — it never blames the server.

/** Collects the browser console's panics and errors, to fail on any. */
function watchConsole(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /panicked|unreachable|RuntimeError/.test(text)) seen.push(text);
  });
  page.on("pageerror", (error) => seen.push(String(error)));
  return seen;
}

/** Waits until the service worker controls the page and holds every page's chunk. */
async function readyOffline(page: Page) {
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

test("offline on the phone, every navigation item and a recorded case open without a panic", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  const panics = watchConsole(page);
  await page.goto("/login");
  await hydrated(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await signIn(page, "grid8");
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await navigate(page, "登记纠纷");
  await recordDispute(page, { summary: "离线浏览：院墙排水沟堵塞", applicant: "周大伯", respondent: "隔壁周家" });
  await synced(page);
  // A page opened online is kept as it was seen.
  await page.goto("/inbox");
  await hydrated(page);
  await readyOffline(page);

  await context.setOffline(true);
  for (const item of ["消息", "首页", "登记纠纷", "首页"]) {
    await navigate(page, item);
    await expect(page.locator("main")).toBeVisible();
  }
  await expect(page.getByText("离线").first()).toBeVisible();
  await page.getByRole("link", { name: /离线浏览：院墙排水沟堵塞/ }).click();
  await expect(page).toHaveURL(/\/cases\//);
  const caseUrl = page.url();
  // The case's data is not on the device yet: the page says so, in words that do not blame
  // the server.
  await expect(page.locator(".offline-page")).toBeVisible();
  await expect(page.getByText("服务器出错")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/case-offline-phone.png", fullPage: true });
  await navigate(page, "消息");
  await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();

  // Reloading offline: a page opened online reopens as last seen; a page never opened online
  // sends the person home, which names the page that is not on the device yet.
  await page.goto("/inbox");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
  await page.goto(caseUrl);
  await hydrated(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(".offline-page")).toContainText("「案件」还没有保存在本机");
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/home-offline-arrival-phone.png", fullPage: true });
  expect(panics, panics.join("\n")).toEqual([]);
  await context.close();
});
