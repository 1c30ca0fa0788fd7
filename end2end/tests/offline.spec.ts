import { test, expect, type Page } from "@playwright/test";
import { hydrated, PASSWORD, phone, signIn } from "./people";

// Issue 4: a grid worker records disputes with no network; nothing is lost, nothing doubles.

async function pending(page: Page) {
  return page.getByTestId("pending-count");
}

async function recordDispute(page: Page, summary: string, applicant: string) {
  await page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await page.getByLabel("纠纷简要情况").fill(summary);
  await page.locator("#party-0-name").fill(applicant);
  await page.locator("#party-1-name").fill("邻居");
  await page.getByLabel("发生地点").fill("樟树潭社区5幢");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存到本机，将自动同步。")).toBeVisible();
}

test("disputes recorded offline survive a reload and a closed tab, then sync by themselves", async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/login");
  await hydrated(page);
  // The service worker must control the page before the network goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.getByLabel("用户名").fill("grid");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Wait until the worker has kept the signed-in pages.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    for (const name of names) {
      const cache = await caches.open(name);
      if ((await cache.match("/")) && (await cache.match("/record"))) return true;
    }
    return false;
  });

  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登记矛盾纠纷" })).toBeVisible();

  // A mistake is named next to its field, offline, by the shared checks.
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.locator('[data-field="summary"]')).toHaveText("此项必填。");

  await recordDispute(page, "离线登记：楼上装修噪音扰民", "张大爷");
  await recordDispute(page, "离线登记：车位被占引发争吵", "李阿姨");
  await expect(page.getByTestId("pending-count")).toHaveText("2");
  await expect(page.getByText("离线", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/record-offline.png", fullPage: true });

  // Close the tab; a new one, still offline, opens from the cache with the outbox intact.
  await page.close();
  const again = await context.newPage();
  await again.goto("/");
  await hydrated(again);
  await expect(again.getByTestId("pending-count")).toHaveText("2");
  await expect(again.locator(".case-row", { hasText: "离线登记：楼上装修噪音扰民" })).toBeVisible();
  await expect(again.locator(".case-number.waiting")).toHaveCount(2);

  // Back online: the phone syncs without a click.
  await context.setOffline(false);
  await expect(again.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });
  await expect(again.locator(".case-number.waiting")).toHaveCount(0);
  // This grid worker's two offline records (other specs may have recorded cases before).
  const numbers = await again
    .locator(".case-row", { hasText: "离线登记：" })
    .locator(".case-number")
    .allTextContents();
  expect(numbers).toHaveLength(2);
  for (const n of numbers) expect(n).toMatch(/^330803-\d{4}-\d{6}$/);
  await again.screenshot({ path: "test-results/screens/home-grid-synced.png", fullPage: true });

  // The server holds exactly these two new cases.
  const api = request;
  const login = await api.post("/api/session/login", { form: { username: "grid", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const pulled = await (await api.get("/api/v1/sync/pull?cursor=0&limit=500")).json();
  const offline = pulled.cases.filter((c: { summary: string }) => c.summary.startsWith("离线登记："));
  expect(offline).toHaveLength(2);
  expect(offline.map((c: { number: string }) => c.number).sort()).toEqual([...numbers].sort());
  await context.close();
});

test("signing out with unsynced records asks first, and cancelling keeps the person signed in", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await signInToGrid(page, "grid2");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  await context.setOffline(true);
  await recordDispute(page, "未同步时退出的测试", "周大哥");
  await expect(page.getByTestId("pending-count")).toHaveText("1");

  let asked = "";
  page.once("dialog", async (dialog) => {
    asked = dialog.message();
    await dialog.dismiss();
  });
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect.poll(() => asked).toContain("1 条记录未同步");
  await expect(page.getByRole("heading", { level: 1, name: "登记矛盾纠纷" })).toBeVisible();
  await expect(page.getByTestId("pending-count")).toHaveText("1");
  await context.close();
});

async function signInToGrid(page: Page, username: string) {
  await signIn(page, username);
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
}

async function openRecordForm(page: Page) {
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登记矛盾纠纷" })).toBeVisible();
}

test("full browser storage is told to the person and the dispute stays in the form", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await signInToGrid(page, "grid4");
  await openRecordForm(page);
  await context.setOffline(true);

  // Fill this origin's local storage to the last byte.
  const filler = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler.${n}`, "x".repeat(size));
          n++;
        } catch {
          break;
        }
      }
    }
    return n;
  });
  expect(filler).toBeGreaterThan(0);

  await page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await page.getByLabel("纠纷简要情况").fill("存储已满时登记的纠纷");
  await page.locator("#party-0-name").fill("钱阿婆");
  await page.locator("#party-1-name").fill("孙师傅");
  await page.getByLabel("发生地点").fill("后溪村");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "手机存储空间已满" })).toBeVisible();
  await expect(page.getByTestId("pending-count")).toHaveText("0");
  // Nothing the person typed is gone.
  await expect(page.getByLabel("纠纷简要情况")).toHaveValue("存储已满时登记的纠纷");
  await page.screenshot({ path: "test-results/screens/record-storage-full.png", fullPage: true });

  // Space freed: the same tap keeps it.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith("filler.")) localStorage.removeItem(key);
  });
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存到本机，将自动同步。")).toBeVisible();
  await expect(page.getByTestId("pending-count")).toHaveText("1");
  await context.setOffline(false);
  await expect(page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });
  await context.close();
});

test("a second person on the same phone never sees or sends the first one's records", async ({ browser, playwright }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await signInToGrid(page, "grid5");
  await openRecordForm(page);
  await context.setOffline(true);
  await recordDispute(page, "共用手机：第一位网格员的记录", "吴大姐");
  await expect(page.getByTestId("pending-count")).toHaveText("1");

  // grid5 signs out (agreeing to the warning) while the record is still waiting.
  await context.setOffline(false);
  await context.route("**/api/v1/sync/**", (route) => route.abort());
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByLabel("用户名")).toBeVisible();
  await context.unroute("**/api/v1/sync/**");

  // grid6 signs in on the same phone: nothing of grid5's is shown or sent.
  await signInToGrid(page, "grid6");
  await expect(page.getByTestId("pending-count")).toHaveText("0");
  await expect(page.getByText("共用手机：第一位网格员的记录")).toHaveCount(0);
  await page.getByRole("button", { name: "立即同步" }).click();
  await expect(page.getByText("共用手机：第一位网格员的记录")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/shared-phone-second-user.png", fullPage: true });
  const server = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await server.post("/api/session/login", { form: { username: "grid6", password: PASSWORD } });
  const asGrid6 = await (await server.get("/api/v1/sync/pull?cursor=0&limit=500")).json();
  expect(asGrid6.cases.filter((c: { summary: string }) => c.summary.startsWith("共用手机"))).toHaveLength(0);

  // grid5 comes back: the record is still there and goes out under grid5's name.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "退出登录" }).click();
  await signInToGrid(page, "grid5");
  await expect(page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });
  await expect(page.locator(".case-row", { hasText: "共用手机：第一位网格员的记录" })).toBeVisible();
  await server.post("/api/session/login", { form: { username: "grid5", password: PASSWORD } });
  const asGrid5 = await (await server.get("/api/v1/sync/pull?cursor=0&limit=500")).json();
  expect(asGrid5.cases.filter((c: { summary: string }) => c.summary.startsWith("共用手机"))).toHaveLength(1);
  await server.dispose();
  await context.close();
});
