// Accessibility (issue 9 §3): axe-core (@axe-core/playwright) on every portal's main pages — sign-in, the
// Certlab home, Intune home and configuration profiles, Entra overview, users and enterprise applications, the lab
// overview (with the correct lab loaded, so its consoles have content), Health, and the Intune devices (list, Create
// device, a synced device's tabs: issue 10) — against WCAG 2.1 A/AA.
// Zero serious or critical violations; each failure names the rule, its help text and the elements.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../fixtures/portal";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function seriousViolations(page: Page): Promise<string[]> {
  // Fluent UI's focus manager (tabster) puts <i data-tabster-dummy tabindex=0 aria-hidden> sentinels at the edges of
  // focus groups: they pass focus on the moment they receive it, and assistive technology never reads them. axe
  // flags them as aria-hidden-focus; they are left out, everything else on the page is checked.
  const results = await new AxeBuilder({ page }).withTags(WCAG).exclude("[data-tabster-dummy]").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.html.slice(0, 200)} ${n.failureSummary?.split("\n").slice(0, 3).join(" ") ?? ""}`).join("\n    ")}`);
}

/** Opens the page and waits until it has rendered its content (its heading), not the loading state. */
async function open(page: Page, url: string, ready: (p: Page) => Promise<void>): Promise<void> {
  await page.goto(url);
  await ready(page);
  // The page's queries have answered (lists and findings drawn, not their loading placeholders).
  await page.waitForLoadState("networkidle");
}

const PAGES: { name: string; url: string; ready: (p: Page) => Promise<void> }[] = [
  { name: "Certlab home", url: "/", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Intune home", url: "/intune", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Intune configuration profiles", url: "/intune/devices/configuration", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Entra overview", url: "/entra/overview", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Entra users", url: "/entra/users", ready: (p) => expect(p.getByRole("table", { name: "Users" })).toBeVisible() },
  { name: "Entra enterprise applications", url: "/entra/enterprise-apps", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Lab overview", url: "/lab", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
  { name: "Health", url: "/health", ready: (p) => expect(p.getByRole("tab", { name: "Findings" })).toBeVisible() },
  { name: "Intune all devices", url: "/intune/devices/all", ready: (p) => expect(p.getByRole("table", { name: "Devices" })).toBeVisible() },
  { name: "Intune create device", url: "/intune/devices/all/create", ready: (p) => expect(p.getByRole("form", { name: "Create device" })).toBeVisible() },
];

test("sign-in has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page), "sign-in (email step)").toEqual([]);
  await page.getByLabel("Email").fill("admin@contoso.onmicrosoft.com");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Password")).toBeVisible();
  expect(await seriousViolations(page), "sign-in (password step)").toEqual([]);
});

test("every portal's main pages have no serious or critical accessibility violations", async ({ page }) => {
  // Eleven pages and a device's four tabs, each analysed by axe on a 2-core machine.
  test.setTimeout(240_000);
  await signIn(page);
  // The correct lab, so the lab pages and Health show real content.
  const session = await (await page.request.get("/api/session")).json();
  const reset = await page.request.post("/api/lab/reset", { data: { scenario: "correct" }, headers: { "X-CSRF-Token": session.csrfToken } });
  expect(reset.status()).toBe(200);
  const failures: string[] = [];
  for (const p of PAGES) {
    await open(page, p.url, p.ready);
    const found = await seriousViolations(page);
    if (found.length) failures.push(`${p.name} (${p.url}):\n  ${found.join("\n  ")}`);
  }

  // Issue 10: a synced device's page, on each of its tabs (the trace diagram, the certificates, the real-client view).
  const users = await (await page.request.get("/graph/beta/users?$filter=startswith(userPrincipalName,'admin@')")).json();
  const created = await page.request.post("/api/intune/devices", {
    data: { deviceName: "a11y-iphone", platform: "iOS", userId: users.value[0].id },
    headers: { "X-CSRF-Token": session.csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const device = await created.json();
  const synced = await page.request.post(`/api/intune/devices/${device.id}/sync`, { data: {}, headers: { "X-CSRF-Token": session.csrfToken } });
  expect(synced.status(), await synced.text()).toBe(200);
  await open(page, `/intune/devices/all/${device.id}`, (p) => expect(p.getByRole("heading", { name: "a11y-iphone", level: 1 })).toBeVisible());
  for (const tab of ["Overview", "Device configuration", "Certificates", "Enroll a real client"]) {
    await page.getByRole("tab", { name: tab }).click();
    await page.waitForLoadState("networkidle");
    const found = await seriousViolations(page);
    if (found.length) failures.push(`Device page, ${tab}:\n  ${found.join("\n  ")}`);
  }
  expect(failures, failures.join("\n")).toEqual([]);
});

// Issue 11: the workshop pages — my workshops, New workshop, the trainer dashboard with its matrix, the projector
// scoreboard, the join page, and a trainee's portal with the Tasks panel open.
test("the workshop pages have no serious or critical accessibility violations", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const session = await (await page.request.get("/api/session")).json();
  const created = await page.request.post("/api/workshops", {
    data: { name: "Accessibility drill", scenarioId: "appproxy-preauth-not-passthrough", seats: 2, timeLimitMinutes: 30, hintPolicy: "on" },
    headers: { "X-CSRF-Token": session.csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const w = await created.json();
  const trainee = await browser.newContext();
  try {
    const joinPage = await trainee.newPage();
    await open(joinPage, `/join/${w.joinCode}`, (p) => expect(p.getByText("Accessibility drill")).toBeVisible());
    const failures: string[] = [];
    const check = async (name: string, p: Page) => {
      const found = await seriousViolations(p);
      if (found.length) failures.push(`${name} (${p.url()}):\n  ${found.join("\n  ")}`);
    };
    await check("Join a workshop", joinPage);
    await joinPage.getByRole("textbox", { name: /^Your name/ }).fill("Axe Trainee");
    await joinPage.getByRole("button", { name: "Join" }).click();
    await expect(joinPage.getByRole("complementary", { name: "Tasks panel" })).toBeVisible();
    await joinPage.waitForLoadState("networkidle");
    await check("Trainee portal with the Tasks panel", joinPage);

    const trainer: { name: string; url: string; ready: (p: Page) => Promise<void> }[] = [
      { name: "Workshops", url: "/workshops", ready: (p) => expect(p.getByRole("table", { name: "My workshops" })).toBeVisible() },
      { name: "New workshop", url: "/workshops/new", ready: (p) => expect(p.getByRole("combobox", { name: /^Scenario/ })).toBeVisible() },
      { name: "Workshop dashboard", url: `/workshops/${w.id}`, ready: (p) => expect(p.getByRole("table", { name: "Trainees and objectives" })).toContainText("Axe Trainee") },
      { name: "Scoreboard", url: `/workshops/${w.id}/scoreboard`, ready: (p) => expect(p.getByRole("table", { name: "Scoreboard" })).toContainText("Axe Trainee") },
    ];
    for (const t of trainer) {
      // Not "networkidle": the dashboard keeps its event stream open; each page's ready check waits for its content.
      await page.goto(t.url);
      await t.ready(page);
      await check(t.name, page);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  } finally {
    await trainee.close();
  }
});
