import { test, expect } from "@playwright/test";
import { hydrated, keptCase, navigate, phone, readyOffline, recordDispute, signIn, synced, tablet, watchConsole } from "./people";

// Issue 13: every page a signed-in person can reach opens offline without a panic. The lazily
// loaded pages' code is kept by the service worker, so following a link offline never fails to
// load a page's chunk; the cases a person recorded or holds are kept by every sync, so they open
// offline even if never opened before; a page whose data is not on the device says it is
// offline — it never blames the server.

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
  await keptCase(page, "离线浏览：院墙排水沟堵塞");
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
  // Never opened, yet its details are on the device: shown with when they were kept, in words
  // that do not blame the server.
  await expect(page.getByRole("heading", { level: 1, name: /案件/ })).toBeVisible();
  await expect(page.locator(".case-summary")).toContainText("离线浏览：院墙排水沟堵塞");
  await expect(page.getByTestId("kept-note")).toContainText("离线：显示的是本机");
  await expect(page.getByText("服务器出错")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/case-offline-phone.png", fullPage: true });
  await navigate(page, "消息");
  await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();

  // Reloading offline: a page opened online reopens as last seen; a page never opened online
  // goes through home to the page, drawn from what the device keeps.
  await page.goto("/inbox");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
  // The page came whole from the service worker's copy: it says how old that is.
  await expect(page.getByTestId("kept-note")).toContainText(/^离线：显示的是本机保存的内容（.+ 从服务器取得），联网后自动更新。$/);
  await page.goto(caseUrl);
  await hydrated(page);
  await expect(page).toHaveURL(caseUrl);
  await expect(page.locator(".case-summary")).toContainText("离线浏览：院墙排水沟堵塞");
  await page.screenshot({ path: "test-results/screens/case-reload-offline-phone.png", fullPage: true });
  // A page this person may not open says so, offline as online — it never promises to open
  // once the network is back.
  for (const path of ["/backlog", "/admin", "/admin/audit"]) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByTestId("desk-closed")).toBeVisible();
    await expect(page.locator(".offline-page")).toHaveCount(0);
    await expect(page.getByText("服务器出错")).toHaveCount(0);
  }
  await page.screenshot({ path: "test-results/screens/desk-closed-offline-phone.png", fullPage: true });
  expect(panics, panics.join("\n")).toEqual([]);
  await context.close();
});

test("offline, the administrator's pages show when they were fetched and take no changes", async ({ browser }) => {
  const context = await browser.newContext({ viewport: tablet, locale: "zh-CN" });
  const page = await context.newPage();
  const panics = watchConsole(page);
  await page.goto("/login");
  await hydrated(page);
  await signIn(page, "admin");
  // The pages opened once the service worker keeps them.
  await readyOffline(page);
  await page.goto("/admin/audit");
  await hydrated(page);
  await page.goto("/admin");
  await hydrated(page);
  await expect(page.getByTestId("fetched-note")).toHaveCount(0);

  await context.setOffline(true);
  for (const path of ["/admin", "/admin/audit"]) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByTestId("fetched-note")).toContainText(/离线：显示的是 .+ 从服务器取得的内容；修改和查询需要联网。/);
    await expect(page.locator("fieldset.offline-guard").first()).toHaveAttribute("disabled");
  }
  await expect(page.getByRole("button", { name: "查询" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/audit-offline-tablet.png", fullPage: true });
  await page.goto("/admin");
  await hydrated(page);
  await expect(page.getByRole("button", { name: "保存" }).first()).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/admin-offline-tablet.png" });

  await context.setOffline(false);
  await expect(page.getByTestId("fetched-note")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "保存" }).first()).toBeEnabled();
  expect(panics, panics.join("\n")).toEqual([]);
  await context.close();
});
