import { test, expect, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { desktop, hydrated, navigate, PASSWORD, phone, recordDispute, signIn, signedIn } from "./people";

// Issue 14: a grid worker's phone is lost. The administrator signs it out everywhere and disables
// the account; the phone's next push and next page are refused in words, and what it recorded
// stays in its outbox. Re-enabled, the person signs in again and the outbox syncs.

async function accountRow(admin: Page, username: string) {
  return admin.locator(`.account-row[data-username="${username}"]`);
}

/** Opens the account's 管理 and takes one step, confirming it; waits until it is done. */
async function manage(admin: Page, username: string, button: string, done: string) {
  const row = await accountRow(admin, username);
  await row.locator("summary", { hasText: "管理" }).click();
  admin.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: button }).click();
  await expect(admin.getByTestId("account-done")).toContainText(`· ${done} · 已完成`);
}

/** The administrator adds a grid worker of 五坦村第一网格 (through the admin's own API). */
async function addGridWorker(playwright: PlaywrightWorkerArgs["playwright"], username: string, name: string) {
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await api.post("/api/session/login", { form: { username: "admin", password: PASSWORD } });
  const overview = await (await api.post("/api/admin/overview")).json();
  const grid = overview.units.find(([unit]: [{ name: string }]) => unit.name === "五坦村第一网格")[0];
  const added = await api.post("/api/admin/users", {
    form: { username, display_name: name, role: "grid_worker", unit_id: String(grid.id), password: PASSWORD },
  });
  expect(added.status()).toBe(200);
  await api.dispose();
}

test("a lost phone is signed out and its account disabled; re-enabled, its outbox syncs", async ({ browser, playwright }) => {
  await addGridWorker(playwright, "lostphone", "丁网格");

  const worker = await signedIn(browser, "lostphone", phone);
  const page = worker.page;
  await navigate(page, "登记纠纷");
  // Recorded out of reach of the network: it waits in the outbox.
  await worker.context.setOffline(true);
  await recordDispute(page, { summary: "丢失手机前登记：鱼塘承包边界争议", applicant: "丁大伯", respondent: "邻村鱼塘户", place: "五坦村鱼塘" });
  await expect(page.getByTestId("pending-count")).toHaveText("1");

  const office = await signedIn(browser, "admin", desktop);
  const admin = office.page;
  await admin.goto("/admin");
  await hydrated(admin);
  await manage(admin, "lostphone", "强制下线", "强制下线");
  await manage(admin, "lostphone", "停用", "停用账号");
  await expect((await accountRow(admin, "lostphone")).getByText("已停用")).toBeVisible();
  await (await accountRow(admin, "lostphone")).screenshot({ path: "test-results/screens/admin-account-disabled.png" });

  // The phone comes back online: its push is refused with words, and the record stays.
  await worker.context.setOffline(false);
  await page.getByRole("button", { name: "立即同步" }).click();
  await expect(page.getByTestId("sync-error")).toContainText("登录已失效（已过期，或已被管理员下线），请重新登录；本机记录不会丢失");
  await expect(page.getByTestId("pending-count")).toHaveText("1");
  await page.screenshot({ path: "test-results/screens/phone-signed-out-by-admin.png", fullPage: true });
  // Its next page goes to sign-in, which says why; the disabled account cannot sign in.
  await page.goto("/work");
  await expect(page).toHaveURL(/\/login\?expired=1/);
  await expect(page.getByText("登录已失效（已过期，或已被管理员下线），请重新登录")).toBeVisible();
  await signIn(page, "lostphone");
  await expect(page.getByRole("alert")).toHaveText("该账号已停用，请联系系统管理员。");

  // Re-enabled: the person signs in, and what the phone kept goes out once.
  await manage(admin, "lostphone", "启用", "启用账号");
  await expect((await accountRow(admin, "lostphone")).getByText("已停用")).toHaveCount(0);
  await signIn(page, "lostphone");
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await expect(page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });
  await expect(page.locator(".case-row", { hasText: "丢失手机前登记：鱼塘承包边界争议" }).locator(".case-number")).toHaveText(/^330803-\d{4}-\d{6}$/);

  // Every step is in the audit log, found by the person's name.
  await admin.goto("/admin/audit?person=丁网格");
  await hydrated(admin);
  const actions = admin.getByTestId("audit-table").locator("tbody tr td:nth-child(3)");
  await expect(actions).toHaveText(["启用账号", "停用账号", "强制下线", "新建账号"]);
  await admin.screenshot({ path: "test-results/screens/admin-audit-log.png", fullPage: true });
  await office.context.close();
  await worker.context.close();
});

test("a one-time password opens only the page that changes it", async ({ browser, playwright }) => {
  await addGridWorker(playwright, "forgotten", "卫网格");
  const office = await signedIn(browser, "admin", desktop);
  const admin = office.page;
  await admin.goto("/admin");
  await hydrated(admin);
  await manage(admin, "forgotten", "重置密码", "重置密码");
  const shown = admin.getByTestId("one-time-password");
  await expect(shown).toContainText("一次性密码");
  const oneTime = (await shown.locator(".one-time").textContent())!.trim();
  expect(oneTime).toHaveLength(10);

  const device = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await device.newPage();
  await signIn(page, "forgotten", oneTime);
  await expect(page.getByTestId("must-change")).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/record");
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  // Sync waits in words, not with the server's refusal.
  await expect(page.getByTestId("sync-error")).toHaveText("密码已被管理员重置：设置新密码后继续同步，本机记录不会丢失。 设置新密码");
  await page.getByLabel("当前密码").fill(oneTime);
  await page.getByLabel("新密码", { exact: true }).fill("卫网格的新密码2026");
  await page.getByLabel("再次输入新密码").fill("卫网格的新密码2027");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByText("两次输入的新密码不一致。")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/account-must-change.png", fullPage: true });
  await page.getByLabel("新密码", { exact: true }).fill("卫网格的新密码2026");
  await page.getByLabel("再次输入新密码").fill("卫网格的新密码2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("sync-error")).toHaveCount(0);
  await navigate(page, "登记纠纷");
  await expect(page.getByRole("heading", { level: 1, name: "登记矛盾纠纷" })).toBeVisible();
  await office.context.close();
  await device.close();
});
