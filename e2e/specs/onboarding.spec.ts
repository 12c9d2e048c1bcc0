// Issue 8 onboarding: the address README gives a newcomer ("Open http://localhost:3000") answered 404 "Cannot GET /".
// Open exactly that path, sign in from there, and land on the home page: what Certlab is, the guides, the two ways
// to start the lab, and the docs (which open).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD } from "../fixtures/portal";

/** The URL README's quick start tells a newcomer to open; the test server's host and port differ, the path is it. */
function readmeAddress(): URL {
  const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");
  const m = readme.match(/^Open (https?:\/\/localhost:\d+\S*) and sign in/m);
  if (!m) throw new Error("README no longer says “Open http://localhost:<port> and sign in”");
  return new URL(m[1]!);
}

test("README's address opens the portal, signs in from there and lands on the home page", async ({ page }) => {
  const readme = readmeAddress();
  expect(readme.pathname).toBe("/");
  const res = await page.goto(readme.pathname + readme.search);
  expect(res?.status()).toBe(200);
  await expect(page.getByText("Cannot GET /")).toHaveCount(0);

  // Not signed in: the sign-in page, which comes back to / afterwards.
  await expect(page).toHaveURL(/\/signin\?returnTo=%2F$/);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("heading", { name: "Welcome to Certlab", level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByRole("region", { name: "What Certlab is" })).toContainText("working model of the Microsoft Intune admin center");

  // The guides, one per seed document, each with its progress.
  const guides = page.getByRole("list", { name: "Guides" });
  for (const seed of ["000_", "001_", "002_", "003_", "004_"]) {
    await expect(guides.getByRole("article").filter({ hasText: `Follows ${seed}` })).toHaveCount(1);
  }
  await expect(guides.getByRole("article").first()).toContainText(/steps done/);

  // The two ways to start, each behind a confirmation.
  await page.getByRole("button", { name: "Load the complete correct setup" }).click();
  const confirm = page.getByRole("dialog", { name: "Load the complete correct setup?" });
  await expect(confirm).toContainText("replaces the whole lab of Contoso");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: "Start from an empty lab" })).toBeVisible();

  // The docs open (served as plain text).
  const docs = page.getByRole("list", { name: "Docs" });
  const href = await docs.getByRole("link", { name: "Getting started" }).getAttribute("href");
  const doc = await page.request.get(href!);
  expect(doc.status()).toBe(200);
  expect(await doc.text()).toMatch(/^# /);

  // "Guides" in the top bar of every portal.
  await page.goto("/intune");
  await page.getByRole("banner").getByRole("link", { name: "Guides" }).click();
  await expect(page.getByRole("heading", { name: "Guides", level: 1 })).toBeVisible();
});
