import { test, expect } from "@playwright/test";
import { desktop, hydrated, navigate, phone, signIn } from "./people";

// Issue 14: every page carries a Content-Security-Policy with a fresh nonce. The wasm app, its
// lazily loaded chunks and the service worker work under it; a script injected into the page
// does not run.

test("the app hydrates and works under its Content-Security-Policy; injected script does not run", async ({ browser }) => {
  for (const viewport of [phone, desktop]) {
    const context = await browser.newContext({ viewport, locale: "zh-CN" });
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as any).__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const answer = await page.goto("/login");
    const policy = answer!.headers()["content-security-policy"];
    expect(policy).toMatch(/script-src 'nonce-[0-9a-f]{32}' 'strict-dynamic' 'wasm-unsafe-eval'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    await hydrated(page);
    // Each page load has its own nonce.
    const again = await page.reload();
    expect(again!.headers()["content-security-policy"]).not.toEqual(policy);
    await hydrated(page);

    await signIn(page, viewport === phone ? "grid" : "county");
    await expect(page.locator(".whoami-name")).toBeVisible();
    // A lazily loaded page (its own wasm chunk) and the service worker, under the policy.
    await navigate(page, "消息");
    await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);

    // Markup that slipped in (a name or a summary written as HTML, say) cannot run script: an
    // inline handler has no nonce.
    const ran = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img src="/icons/icon.svg" onload="window.__injected = true">');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (window as any).__injected === true;
    });
    expect(ran).toBe(false);
    const violations: string[] = await page.evaluate(() => (window as any).__violations);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.startsWith("script-src"))).toBe(true);
    await context.close();
  }
});

test("a form on another site cannot act for a signed-in person; the app's own forms still can", async ({ browser }) => {
  const context = await browser.newContext({ viewport: desktop, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, "admin");
  await expect(page.locator(".whoami-name")).toBeVisible();
  const site = new URL(page.url());
  // Another origin on the same host (another port): the same site, so the browser sends the
  // session cookie even under SameSite=Lax, and only the server's origin check stands guard.
  const attacker = `${site.protocol}//${site.hostname}:1`;
  await context.route(`${attacker}/**`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><form id="f" method="post" action="${site.origin}/api/admin/users">
        <input name="username" value="forged"><input name="display_name" value="Forged">
        <input name="role" value="admin"><input name="unit_id" value="1">
        <input name="password" value="forged-password-1"></form>
        <script>document.getElementById("f").submit()</script>`,
    }),
  );
  await page.goto(`${attacker}/prize.html`);
  await expect(page.getByText("请求不是从本系统的页面发出的，已拒绝。")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/forged-form-refused.png" });

  // The administrator's own page shows no such account, and the app's own form still adds one.
  await page.goto(`${site.origin}/admin`);
  await hydrated(page);
  await expect(page.locator('.account-row[data-username="forged"]')).toHaveCount(0);
  await page.locator("#user-username").fill("csrfcheck");
  await page.locator("#user-display-name").fill("表单检查");
  await page.locator("#user-role").selectOption("staff");
  await page.locator("#user-unit").selectOption({ index: 0 });
  await page.locator("#user-password").fill("csrf-check-2026");
  await page.locator("form", { has: page.locator("#user-username") }).getByRole("button", { name: "保存" }).click();
  await expect(page.locator('.account-row[data-username="csrfcheck"]')).toBeVisible();
  await context.close();
});
