// Issue 9 ("lab console writes send If-Match too"): two admins in the same lab. The console sends the version it read
// with every write, so a save made on a stale screen is refused with 412 instead of silently overwriting the other
// admin's change; after the screen reads the object again, the same save goes through.
import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/portal";

type Session = { csrfToken: string };
type Template = { id: string; name: string; minimumKeySize: number; version: number };

test("a stale template tab save is refused (412) and the other admin's change is kept", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const session = (await (await page.request.get("/api/session")).json()) as Session;
  const headers = { "X-CSRF-Token": session.csrfToken };
  const reset = await page.request.post("/api/lab/reset", { data: { scenario: "correct" }, headers });
  expect(reset.ok(), `POST /api/lab/reset: ${reset.status()} ${await reset.text()}`).toBeTruthy();
  const templates = (await (await page.request.get("/api/lab/templates")).json()) as { value: Template[] } | Template[];
  const scep = (Array.isArray(templates) ? templates : templates.value).find((t) => t.name === "IntuneSCEP")!;

  // This admin opens Intune SCEP › Cryptography and picks 4096 bits…
  await page.goto("/lab/templates");
  await page.getByRole("link", { name: "Intune SCEP", exact: true }).click();
  await page.getByRole("tab", { name: /^Cryptography/ }).click();
  await page.getByLabel("Minimum key size").selectOption("4096");

  // …while another admin changes the same template (the General tab's validity) from elsewhere.
  const other = await page.request.patch(`/api/lab/templates/${scep.id}/general`, {
    data: { validity: { value: 2, unit: "years" } },
    headers: { ...headers, "If-Match": `W/"${scep.version}"` },
  });
  expect(other.status(), await other.text()).toBe(200);

  // Apply on the stale screen: refused, and the notification says why.
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/lab/templates/${scep.id}/cryptography`) && r.request().method() === "PATCH");
  await page.getByRole("button", { name: "Apply" }).click();
  expect((await refused).status()).toBe(412);
  await expect(page.getByText("Could not save Intune SCEP").first()).toBeVisible();
  await expect(page.getByText(/has been modified since it was read/).first()).toBeVisible();
  const kept = (await (await page.request.get(`/api/lab/templates/${scep.id}`)).json()) as Template & { validity: { value: number; unit: string } };
  expect(kept.validity).toEqual({ value: 2, unit: "years" });
  expect(kept.minimumKeySize).toBe(scep.minimumKeySize);

  // The console read the template again after the failed write: the same save now goes through.
  await page.getByLabel("Minimum key size").selectOption("4096");
  const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/lab/templates/${scep.id}/cryptography`) && r.request().method() === "PATCH");
  await page.getByRole("button", { name: "Apply" }).click();
  expect((await accepted).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Changes applied." })).toBeVisible();
  const saved = (await (await page.request.get(`/api/lab/templates/${scep.id}`)).json()) as Template & { validity: { value: number; unit: string } };
  expect(saved.minimumKeySize).toBe(4096);
  expect(saved.validity).toEqual({ value: 2, unit: "years" });
});
