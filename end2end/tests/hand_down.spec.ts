import { test, expect } from "@playwright/test";
import { desktop, navigate, openFromWorkList, phone, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 16, item 5: a complex dispute the rules sent to the township is handed down (交办) by
// the township to the village with instructions and a deadline — no party's consent asked — and
// the village cadre finds it on the tablet: told in 消息, in the work list, with the instructions
// in the case's timeline. The county then presses it (督办), and the village hears that too.
test("the township hands a case down to the village, which sees it on its tablet", async ({ browser }) => {
  test.setTimeout(180_000);
  const summary = `交办：两户因漏水赔偿争执 ${Date.now()}`;
  const instructions = "请社区先行调解，十日内报告结果";
  // grid2 of 樟树潭社区 (the weekly sweep's test needs 沙湾村's grids without records).
  const grid = await signedIn(browser, "grid2", phone);
  await navigate(grid.page, "登记纠纷");
  await grid.page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await grid.page.getByLabel("纠纷简要情况").fill(summary);
  await grid.page.locator("#party-0-name").fill("郑先生");
  await grid.page.locator("#party-1-name").fill("楼上王女士");
  await grid.page.getByLabel("争议金额（元）").fill("60000");
  await grid.page.getByLabel("发生地点").fill("樟树潭社区5幢");
  await expect(grid.page.getByTestId("routing-preview")).toContainText("樟潭街道");
  await grid.page.getByRole("button", { name: "保存", exact: true }).click();
  await synced(grid.page);

  const township = await signedIn(browser, "township", desktop);
  const panics = watchConsole(township.page);
  await openFromWorkList(township.page, summary);
  const page = township.page;
  await expect(page.getByTestId("case-holder")).toHaveText("樟潭街道");
  const form = page.locator("details[data-action=hand_down]");
  await form.locator("summary").click();
  await page.locator("#hand-down-to").selectOption({ label: "樟树潭社区" });
  await page.getByLabel("办理要求").fill(instructions);
  // A day already past is named at once, and the words go once the day is put right.
  const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  await page.getByLabel("办结期限").fill(day(-3));
  await form.locator("button[type=submit]").click();
  const problem = page.locator(".error[role=alert]");
  await expect(problem).toHaveText("办结期限：须是今天起一年以内的日期。");
  await expect(problem).toBeInViewport();
  const deadline = day(10);
  await page.getByLabel("办结期限").fill(deadline);
  await expect(problem).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/hand-down-form-desktop.png", fullPage: true });
  await form.locator("button[type=submit]").click();
  await expect(page.getByTestId("case-holder")).toHaveText("樟树潭社区", { timeout: 15_000 });
  const entry = page.locator(".timeline-entry[data-kind=handed_down]");
  await expect(entry).toContainText(instructions);
  // Who handed it down (the township, not the village it went to), to whom, and by when.
  await expect(entry).toContainText("樟潭街道");
  await expect(entry).toContainText("→ 樟树潭社区");
  await expect(entry).toContainText(`办结期限：${deadline}`);

  const cadre = await signedIn(browser, "village", tablet);
  await navigate(cadre.page, /消息/);
  const told = cadre.page.locator(".notification", { hasText: summary });
  await expect(told).toContainText("上级交办案件");
  await expect(told).toContainText(`要求：${instructions}`);
  await navigate(cadre.page, "办案");
  await expect(cadre.page.locator(".work-item", { hasText: summary }).getByTestId("handed-down-badge")).toHaveText("交办");
  await openFromWorkList(cadre.page, summary);
  await expect(cadre.page.locator(".timeline-entry[data-kind=handed_down]")).toContainText(instructions);
  await expect(cadre.page.getByRole("button", { name: "签收", exact: true })).toBeVisible();
  await cadre.page.screenshot({ path: "test-results/screens/hand-down-received-tablet.png", fullPage: true });

  // The county presses it; the village hears of it.
  const county = await signedIn(browser, "county", desktop);
  await county.page.goto(page.url());
  const press = county.page.locator("details[data-action=supervise]");
  await press.locator("summary").click();
  await county.page.locator("#supervise-instructions").fill("请加快进度，周五前回复");
  await press.locator("button[type=submit]").click();
  await expect(county.page.locator(".timeline-entry[data-kind=supervision_issued]")).toContainText("请加快进度", { timeout: 15_000 });
  await navigate(cadre.page, /消息/);
  await expect(cadre.page.locator(".notification", { hasText: summary }).filter({ hasText: "上级督办" })).toBeVisible();
  await navigate(cadre.page, "办案");
  await expect(cadre.page.locator(".work-item", { hasText: summary }).getByTestId("pressed-badge")).toHaveText("上级督办");
  expect(panics, panics.join("\n")).toEqual([]);
});
