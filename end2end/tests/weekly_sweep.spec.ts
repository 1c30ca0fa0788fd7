import { test, expect } from "@playwright/test";
import { desktop, hydrated, navigate, openFromWorkList, phone, recordDispute, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 13: the grid worker's weekly sweep (每周排查, seed 001), sent from the phone offline too,
// and the township's view of which grids have reported; and the phone's list of refused
// records, corrected and resent, or discarded.

test("a zero report sent offline arrives on reconnect, and the township sees who has not reported", async ({ browser }) => {
  const grid = await signedIn(browser, "grid3", phone);
  const panics = watchConsole(grid.page);
  await hydrated(grid.page);
  const card = grid.page.getByTestId("sweep-card");
  await expect(card.getByRole("heading", { name: "本周排查" })).toBeVisible();
  await grid.context.setOffline(true);
  await card.getByLabel("排查情况说明（选填）").fill("走访全部楼栋，未发现矛盾纠纷");
  await card.getByRole("button", { name: "零报告：本周未发现矛盾纠纷" }).click();
  await expect(card).toContainText("本周排查报告已保存在本机，联网后自动报送。");
  await expect(grid.page.getByTestId("pending-count")).toHaveText("1");
  await grid.page.screenshot({ path: "test-results/screens/sweep-zero-offline-phone.png", fullPage: true });
  await grid.context.setOffline(false);
  await synced(grid.page);
  await expect(card).toContainText("本周排查已报告。");

  const township = await signedIn(browser, "township", desktop);
  await navigate(township.page, "排查");
  await expect(township.page.getByRole("heading", { level: 1, name: "每周排查" })).toBeVisible();
  const reported = township.page.locator(".sweep-grid", { hasText: "沙湾村第一网格" });
  await expect(reported).toHaveAttribute("data-reported", "true");
  await expect(reported).toContainText("零报告");
  await expect(reported).toContainText("走访全部楼栋");
  const silent = township.page.locator(".sweep-grid", { hasText: "沙湾村第二网格" });
  await expect(silent).toHaveAttribute("data-reported", "false");
  await expect(silent).toContainText("未报告");
  await expect(township.page.getByTestId("sweep-missing")).toContainText(/未报告网格：[1-9]\d* 个/);
  await township.page.screenshot({ path: "test-results/screens/sweep-board-desktop.png", fullPage: true });
  expect(panics, panics.join("\n")).toEqual([]);
  for (const person of [grid, township]) await person.context.close();
});

test("refused records wait on the phone: one corrected and resent, another discarded", async ({ browser }) => {
  const grid = await signedIn(browser, "grid4", phone);
  const page = grid.page;
  await navigate(page, "登记纠纷");
  await page.context().setOffline(true);
  await recordDispute(page, { summary: "宅基地边界争议（待更正）", applicant: "郑大爷", respondent: "邻居王某" });
  await recordDispute(page, { summary: "鸡鸭散养糟蹋菜地（待放弃）", applicant: "郑大妈", respondent: "邻居李某" });
  // A phone whose category list came from elsewhere: the server does not know the code.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("fq.v1.outbox."))!;
    const replica = JSON.parse(localStorage.getItem(key)!);
    for (const entry of replica.entries) (entry.op.payload ?? entry.op.body.payload).category = "no_such_category";
    localStorage.setItem(key, JSON.stringify(replica));
  });
  await page.reload();
  await hydrated(page);
  await page.context().setOffline(false);
  const refused = page.locator(".set-aside-row");
  await expect(refused).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId("sync-refused")).toContainText("需处理 2");
  await page.screenshot({ path: "test-results/screens/set-aside-phone.png", fullPage: true });

  await refused.filter({ hasText: "待更正" }).getByRole("button", { name: "修改后重发" }).click();
  await expect(page.getByLabel("纠纷简要情况")).toHaveValue("宅基地边界争议（待更正）");
  await page.getByLabel("纠纷类别").selectOption("land_housing");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("saved-case")).toContainText("宅基地边界争议（待更正）");
  await expect(page.getByTestId("saved-case").locator(".case-number")).toHaveText(/^\d{6}-\d{4}-\d{6}$/, { timeout: 20_000 });

  page.once("dialog", (dialog) => dialog.accept());
  await refused.filter({ hasText: "待放弃" }).getByRole("button", { name: "放弃" }).click();
  await expect(refused).toHaveCount(0);
  await expect(page.getByTestId("sync-refused")).toHaveCount(0);
  await navigate(page, "首页");
  await expect(page.locator(".case-row", { hasText: "待更正" })).toBeVisible();
  await expect(page.locator(".case-row", { hasText: "待放弃" })).toHaveCount(0);
  await grid.context.close();
});

test("three disputes of one kind in one village raise one warning; the county closes it with a note", async ({ browser }) => {
  const stamp = Date.now();
  const grid = await signedIn(browser, "grid", phone);
  for (const n of [1, 2, 3]) {
    await navigate(grid.page, "登记纠纷");
    await recordDispute(grid.page, { summary: `校车接送纠纷 第${n}起 ${stamp}`, applicant: `家长${n}`, respondent: "校车公司", category: "consumer", place: "樟树潭社区小学" });
  }
  await synced(grid.page);

  // The village holding them sees the warning on each case, with the joint-mediation path.
  const cadre = await signedIn(browser, "village", tablet);
  await openFromWorkList(cadre.page, `校车接送纠纷 第1起 ${stamp}`);
  await expect(cadre.page.getByTestId("case-warning")).toContainText("樟树潭社区7日内发生同类纠纷3起（消费纠纷）");
  await expect(cadre.page.getByTestId("case-warning")).toContainText("受理后可在「联合调解」中邀请有关单位");
  await cadre.page.screenshot({ path: "test-results/screens/case-warning-tablet.png", fullPage: true });
  await cadre.context.close();

  const county = await signedIn(browser, "county", desktop);
  const panics = watchConsole(county.page);
  await expect(county.page.getByTestId("unread-count")).toBeVisible();
  await navigate(county.page, "预警");
  await expect(county.page.getByRole("heading", { level: 1, name: "矛盾纠纷预警" })).toBeVisible();
  const warning = county.page.locator(".warning-card[data-open=true]", { hasText: "樟树潭社区7日内发生同类纠纷3起（消费纠纷）" });
  await expect(warning).toHaveCount(1);
  await county.page.screenshot({ path: "test-results/screens/warnings-desktop.png", fullPage: true });
  await warning.getByLabel("处置情况").fill("已约谈校车公司，统一接送时间");
  await warning.getByRole("button", { name: "解除预警" }).click();
  const closed = county.page.locator(".warning-card[data-open=false]", { hasText: "樟树潭社区7日内发生同类纠纷3起（消费纠纷）" });
  await expect(closed).toContainText("已约谈校车公司");
  expect(panics, panics.join("\n")).toEqual([]);
  for (const person of [grid, county]) await person.context.close();
});
