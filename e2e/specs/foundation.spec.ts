// Issue "Foundation": sign in, switch directory, open Health, create an API token and call Graph with it,
// sign out — the way an admin does it, in a real Chromium against the real API and database.
import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, READER, signIn } from "../fixtures/portal";

test("an admin signs in, switches directory, reads Health, uses an API token against Graph, and signs out", async ({ page, request }) => {
  // Unauthenticated visitors are sent to the sign-in page.
  await page.goto("/entra/users");
  await expect(page).toHaveURL(/\/signin/);

  // A wrong password is refused with Microsoft's wording.
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Your account or password is incorrect.")).toBeVisible();

  // The right password on the same page: back where the admin wanted to go, in Contoso.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/entra\/users/);
  await expect(page.getByRole("table", { name: "Users" })).toContainText("intune-admin@contoso.onmicrosoft.com");

  // Health for Contoso: the demo directory is configured right, so there are no errors.
  await page.goto("/health");
  await expect(page.getByRole("tab", { name: "Findings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Errors: 0" })).toBeVisible();
  await expect(page.getByText("APPX_LICENSE_MISSING")).toHaveCount(0);

  // Switch directory to Fabrikam: a directory without Entra ID P1, so Health flags the licence.
  await page.getByRole("button", { name: "Switch directory" }).click();
  await page.getByRole("button", { name: "Switch to Fabrikam" }).click();
  await page.goto("/health");
  await expect(page.getByText("APPX_LICENSE_MISSING").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Errors: 1" })).toBeVisible();
  // A link to one rule (the lab browser's "Why?") opens Health filtered on it.
  await page.goto("/health?q=APPX_LICENSE_MISSING");
  await expect(page.getByRole("searchbox", { name: "Filter findings" })).toHaveValue("APPX_LICENSE_MISSING");
  await expect(page.getByText("APPX_LICENSE_MISSING").first()).toBeVisible();

  // Back to Contoso, then create a personal API token and use it from a script.
  await page.getByRole("button", { name: "Switch directory" }).click();
  await page.getByRole("button", { name: "Switch to Contoso" }).click();
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "New token" }).click();
  await page.getByLabel("Name").fill("e2e script");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("API token created")).toBeVisible();
  await expect(page.getByText("It won't be shown again.", { exact: false })).toBeVisible();
  const token = await page.getByRole("textbox", { name: "Token" }).inputValue();
  expect(token).toMatch(/^clt_[A-Za-z0-9_-]{20,}$/);
  await page.getByRole("button", { name: "Done" }).click();
  // Listed afterwards by its prefix only.
  await expect(page.getByText(token.slice(0, 10) + "…")).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);

  const me = await request.get("/graph/beta/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).userPrincipalName).toBe(ADMIN);
  const org = await request.get("/graph/v1.0/organization", { headers: { Authorization: `Bearer ${token}` } });
  expect((await org.json()).value[0].displayName).toBe("Contoso");

  // Sign out: the session is gone, the portal asks to sign in again.
  await page.getByRole("button", { name: "Account manager" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/entra/overview");
  await expect(page).toHaveURL(/\/signin/);
});

test("a Global Reader sees the directory but no buttons that change it", async ({ page }) => {
  await signIn(page, READER);
  await page.goto("/entra/users");
  await expect(page.getByRole("table", { name: "Users" })).toContainText("admin@contoso.onmicrosoft.com");
  await expect(page.getByRole("button", { name: "New user" })).toHaveCount(0);
  await page.goto("/entra/groups");
  await expect(page.getByRole("button", { name: "New group" })).toHaveCount(0);
});

test("the portal is usable by keyboard: the sign-in form submits with Enter", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").focus();
  await page.keyboard.type(ADMIN);
  await page.keyboard.press("Enter");
  await page.getByLabel("Password").focus();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/signin/);
});
