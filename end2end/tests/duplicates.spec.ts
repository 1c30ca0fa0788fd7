import { test, expect } from "@playwright/test";
import { hydrated, navigate, openFromWorkList, phone, recordDispute, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 13: one dispute reported by two grid workers. The village cadre who holds both compares
// them side by side on the tablet and links them — offline, through the outbox — and the grid
// worker whose report was linked is told where it went.

test("two reports of one dispute are compared side by side and linked; the linked report's recorder is told", async ({ browser }) => {
  const stamp = Date.now();
  const applicantPhone = `139${String(stamp).slice(-8)}`;
  const first = `楼上漏水泡坏天花板 ${stamp}`;
  const second = `3幢漏水纠纷（另一网格员登记） ${stamp}`;
  const grid = await signedIn(browser, "grid", phone);
  await navigate(grid.page, "登记纠纷");
  await recordDispute(grid.page, { summary: first, applicant: "刘阿姨", respondent: "楼上住户", category: "neighbourhood", applicantPhone });
  await synced(grid.page);
  const grid2 = await signedIn(browser, "grid2", phone);
  await navigate(grid2.page, "登记纠纷");
  await recordDispute(grid2.page, { summary: second, applicant: "刘桂兰", respondent: "5楼住户", category: "neighbourhood", applicantPhone });
  await synced(grid2.page);

  const cadre = await signedIn(browser, "village", tablet);
  const panics = watchConsole(cadre.page);
  const page = cadre.page;
  await openFromWorkList(page, second);
  const panel = page.getByTestId("duplicates");
  await expect(panel.getByRole("heading", { name: "疑似重复登记" })).toBeVisible();
  const sides = panel.locator(".duplicate-side");
  await expect(sides).toHaveCount(2);
  await expect(sides.nth(0)).toContainText(second);
  await expect(sides.nth(1)).toContainText(first);
  // Personal data masked as on the case page, enough to compare.
  await expect(sides.nth(1)).toContainText(`139****${applicantPhone.slice(-4)}`);
  // Side by side on the tablet.
  const [left, right] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
  await page.screenshot({ path: "test-results/screens/duplicates-tablet.png", fullPage: true });
  // One above the other on a phone.
  await page.setViewportSize(phone);
  await expect(panel.getByRole("button", { name: "将该案并入本案" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/duplicates-phone.png", fullPage: true });
  await page.setViewportSize(tablet);

  // Decided offline: kept in the outbox, said to wait, sent on reconnect.
  await cadre.context.setOffline(true);
  page.once("dialog", (dialog) => dialog.accept());
  await panel.getByRole("button", { name: "本案并入该案" }).click();
  await expect(page.getByTestId("duplicate-waiting")).toHaveText("本机已记录，等待同步。");
  await cadre.context.setOffline(false);
  await synced(page);
  await expect(page.getByTestId("case-merged")).toContainText("本案是重复登记，已并入案件", { timeout: 20_000 });
  await expect(page.getByTestId("case-status")).toHaveText("已并案");
  await expect(page.getByTestId("duplicates")).toHaveCount(0);
  await expect(page.locator(".timeline")).toContainText("并案：本案已并入");
  await page.getByTestId("case-merged").getByRole("link").click();
  await expect(page.locator(".case-summary").first()).toHaveText(first);
  await expect(page.locator(".timeline")).toContainText("并案：重复登记的案件已并入本案");
  // … and from the kept case back to the linked one.
  await expect(page.locator(".timeline a.case-number")).toHaveCount(1);
  // The work list holds the dispute once.
  await navigate(page, "办案");
  await expect(page.locator(".work-item", { hasText: String(stamp) })).toHaveCount(1);
  await page.screenshot({ path: "test-results/screens/work-tablet.png", fullPage: true });

  // A zero report says the sweep found nothing: offered only once nothing is ticked as found.
  await navigate(grid.page, "首页");
  const card = grid.page.getByTestId("sweep-card");
  await expect(card).toContainText(first);
  await expect(card.getByRole("button", { name: "零报告：本周未发现矛盾纠纷" })).toHaveCount(0);
  for (const box of await card.getByRole("checkbox").all()) await box.uncheck();
  await expect(card.getByRole("button", { name: "零报告：本周未发现矛盾纠纷" })).toBeVisible();
  await expect(card.getByRole("button", { name: "提交排查报告" })).toHaveCount(0);

  // The grid worker whose report was linked is told, on the phone.
  await navigate(grid2.page, /消息/);
  const told = grid2.page.locator(".notification[data-kind=merged]", { hasText: second });
  await expect(told).toContainText("您登记的纠纷已并案");
  await grid2.page.screenshot({ path: "test-results/screens/duplicate-merged-notice-phone.png", fullPage: true });
  // Once the phone has pulled, its own list says so, and the weekly sweep counts the dispute
  // once: the linked report is not offered as found.
  await grid2.page.getByRole("button", { name: "立即同步" }).click();
  await navigate(grid2.page, "首页");
  await expect(grid2.page.locator(".case-row", { hasText: second })).toContainText("已并案");
  await expect(grid2.page.getByTestId("sweep-card")).not.toContainText(second);
  expect(panics, panics.join("\n")).toEqual([]);
  for (const person of [grid, grid2, cadre]) await person.context.close();
});
