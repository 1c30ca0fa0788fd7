import { test, expect } from "@playwright/test";
import { hydrated, navigate, phone, signIn } from "./people";

// Issue 13: the phone's record form leads the person to what is wrong.

test("a mistyped phone number scrolls to and focuses its field, and its error goes once corrected", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, "grid7");
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await expect(page).toHaveTitle("我的网格 · 枫桥");
  await navigate(page, "登记纠纷");
  await hydrated(page);
  // Each page names itself in the tab.
  await expect(page).toHaveTitle("登记矛盾纠纷 · 枫桥");
  await page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await page.getByLabel("纠纷简要情况").fill("晾衣杆伸出窗外滴水");
  await page.locator("#party-0-name").fill("陈阿姨");
  await page.locator("#party-0-phone").fill("1380013");
  await page.locator("#party-1-name").fill("楼上住户");
  await page.getByLabel("发生地点").fill("樟树潭社区8幢");
  await page.getByRole("button", { name: "保存", exact: true }).click();

  const phoneField = page.locator("#party-0-phone");
  await expect(phoneField).toBeFocused();
  await expect(phoneField).toBeInViewport();
  await expect(page.locator('[data-field="parties[0].phone"]')).toBeVisible();
  await page.screenshot({ path: "test-results/screens/record-error-focused-phone.png" });

  await phoneField.fill("13800138000");
  await expect(page.locator('[data-field="parties[0].phone"]')).toHaveCount(0);
  await expect(page.getByText("请更正标出的内容后再保存。")).toHaveCount(0);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存到本机，将自动同步。")).toBeVisible();
  await context.close();
});
