import { test, expect, type Page } from "@playwright/test";
import { desktop, hydrated, phone, signedIn, tablet } from "./people";

// Issue 6: one case through the mediation procedure on the screens its people use — recorded
// on a phone, then acknowledged, accepted, told, assigned, mediated twice, agreed and confirmed
// on the village's tablet, visited by the grid worker on the phone, and closed.

/** Opens a step's form, lets `fill` complete it, and submits it. */
async function step(page: Page, action: string, fill: () => Promise<void> = async () => {}) {
  const form = page.locator(`details[data-action=${action}]`);
  await form.locator("summary").click();
  await fill();
  await form.locator("button[type=submit]").click();
}

async function waitFor(page: Page, kind: string, count = 1) {
  await expect(page.locator(`.timeline-entry[data-kind=${kind}]`)).toHaveCount(count, { timeout: 15_000 });
}

// Not yet passing (2026-11-24, see the issue 6 note): it reaches the sessions, then a form
// closes under the test's hand when the page re-reads the case. Marked fixme so CI stays
// honest about what it proves; the next session makes it pass before anything else.
test("one case's whole procedure, from the phone to the tablet and back", async ({ browser }) => {
  // Fifteen steps, each synced and re-read: longer than the default minute.
  test.setTimeout(240_000);
  const summary = `楼道堆放杂物引发邻里争执 ${Date.now()}`;
  const grid = await signedIn(browser, "grid", phone);
  await grid.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  await grid.page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await grid.page.getByLabel("纠纷简要情况").fill(summary);
  await grid.page.locator("#party-0-name").fill("王秀兰");
  await grid.page.locator("#party-1-name").fill("刘建华");
  await grid.page.getByLabel("发生地点").fill("樟树潭社区2幢");
  await grid.page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(grid.page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });

  // The village cadre finds it in the unit's work list, not yet acknowledged, and opens it.
  const cadre = await signedIn(browser, "village", tablet);
  await cadre.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "办案" }).click();
  await expect(cadre.page.getByRole("heading", { level: 1, name: "本单位在办案件" })).toBeVisible();
  const row = cadre.page.locator(".work-item", { hasText: summary });
  await expect(row).toContainText("未签收");
  await cadre.page.getByLabel("办理阶段").selectOption("received");
  await cadre.page.getByRole("button", { name: "筛选" }).click();
  await expect(cadre.page).toHaveURL(/stage=received/);
  await expect(row).toBeVisible();
  await cadre.page.screenshot({ path: "test-results/screens/work-list-tablet.png", fullPage: true });
  await row.getByRole("link", { name: summary }).click();
  await expect(cadre.page).toHaveURL(/\/cases\//);
  await hydrated(cadre.page);
  const page = cadre.page;
  const caseUrl = page.url();
  await page.getByRole("button", { name: "签收", exact: true }).click();
  await waitFor(page, "acknowledged");
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.locator(".case-status")).toHaveText("已受理，调解中", { timeout: 15_000 });

  await step(page, "notice_of_rights");
  await waitFor(page, "rights_noticed");
  await step(page, "assign_mediator", async () => {
    await page.locator("#assign-mediator").selectOption({ label: "吴秀英 · 二级调解员 · 樟树潭社区" });
  });
  await expect(page.getByTestId("case-mediators")).toContainText("吴秀英", { timeout: 15_000 });

  await step(page, "record_session", async () => {
    await page.getByLabel("参加人员").fill("王秀兰、刘建华、吴秀英");
    await page.getByLabel("调解情况").fill("双方各执一词，约定下周再谈");
    await page.getByLabel(/本次调解未成功/).check();
  });
  await waitFor(page, "session_failed");
  await step(page, "record_session", async () => {
    await page.getByLabel("调解情况").fill("双方同意清理杂物");
  });
  await waitFor(page, "session_held");

  await step(page, "record_agreement", async () => {
    await page.getByLabel("协议内容", { exact: true }).fill("刘建华三日内清理楼道杂物，今后不再堆放");
    await page.getByLabel("履行期限").fill("2026-12-31");
  });
  await expect(page.locator(".case-status")).toHaveText("已达成协议，待履行", { timeout: 15_000 });
  await step(page, "apply_confirmation", async () => {
    await page.getByLabel("受理法院").fill("衢江区人民法院");
  });
  await expect(page.getByTestId("confirmation")).toHaveText("已申请，待法院裁定", { timeout: 15_000 });
  await step(page, "record_confirmation", async () => {
    await page.getByLabel("裁定书文号").fill("(2026)浙0803民特123号");
  });
  await expect(page.getByTestId("confirmation")).toHaveText("裁定确认有效", { timeout: 15_000 });
  // Closing waits for the grid worker's visit.
  await expect(page.locator("details[data-action=close]")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/case-agreed-tablet.png", fullPage: true });

  // The grid worker visits and records how it is going, on the phone.
  await grid.page.goto(caseUrl);
  await hydrated(grid.page);
  await step(grid.page, "follow_up", async () => {
    await grid.page.getByLabel("当事人评价").selectOption({ label: "基本满意" });
    await grid.page.getByLabel("回访情况").fill("杂物已清理，双方关系缓和");
  });
  await waitFor(grid.page, "followed_up");
  await grid.page.screenshot({ path: "test-results/screens/case-visited-phone.png", fullPage: true });

  await page.reload();
  await hydrated(page);
  await step(page, "close");
  await expect(page.locator(".case-status")).toHaveText("已结案", { timeout: 15_000 });
  await expect(page.locator(".timeline-entry[data-kind=followed_up]")).toContainText("基本满意");
  await page.screenshot({ path: "test-results/screens/case-closed-tablet.png", fullPage: true });
  await cadre.context.close();
  await grid.context.close();
});

test("the admin keeps the mediator pool: adds a mediator with the people to withdraw for, retires one", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", desktop);
  await admin.page.getByRole("link", { name: "系统管理" }).click();
  await hydrated(admin.page);
  const pool = admin.page.locator("section", { has: admin.page.getByRole("heading", { name: "调解员库与专家库" }) });
  // The demo pool is listed, with levels.
  await expect(pool.locator(".pool-entry", { hasText: "郑志明" })).toContainText("首席调解员");
  await pool.getByLabel("所属单位").selectOption({ label: "沙湾村（村(社区)）" });
  await pool.getByLabel("姓名").fill("沈国平");
  await pool.getByLabel("等级").selectOption({ label: "一级调解员" });
  await pool.getByLabel("邻里纠纷").check();
  await pool.getByLabel(/需回避的人/).fill("沈小梅\n沈国安 330803198001010019");
  await pool.getByRole("button", { name: "保存" }).click();
  await expect(pool.getByRole("status")).toHaveText("已加入调解员库。");
  const added = pool.locator(".pool-entry", { hasText: "沈国平" });
  await expect(added).toContainText("一级调解员 · 沙湾村");
  await added.getByRole("button", { name: "停用" }).click();
  await expect(added).toContainText("已停用");
  await admin.page.screenshot({ path: "test-results/screens/admin-mediator-pool.png", fullPage: true });
  await admin.context.close();
});
