// Issue 8 "Done means": guide 000 (000_6abfab919ea0a4d2.txt, publish NDES through Entra application proxy) followed
// end to end in the portal from a fresh lab, its side panel open all along and ticking each step as the tenant's
// state changes. The guide builds on seed 001's NDES (its prerequisite), which the lab console sets up first with
// the same steps the seed 001/002 walkthrough uses. Screenshots of the guide and its panel go into the report.
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { downloadConnectorService, newConnectorGroup, openAddOnPremisesApplication } from "../fixtures/entra";
import { openCreatePane } from "../fixtures/intune";
import { browse, enableTls12, installPrivateNetworkConnector, turnOffIeEsc } from "../fixtures/lab-console";
import { addNdesServiceAccountToIisIusrs, configureNdesServer, installNdesRole, prepareCaAndTemplates, restartServer } from "../fixtures/ndes-setup";
import { signIn } from "../fixtures/portal";

const STEPS = {
  connector: "Install and register the private network connector",
  second: "Add a second connector to the group",
  publish: "Add NDES as an on-premises application with Passthrough",
  welcome: "Open the External URL: the IIS welcome page",
  mscep: "Open …/certsrv/mscep/mscep.dll: HTTP Error 403 – Forbidden",
  scepUrl: "Use the External URL in the SCEP profiles",
} as const;

const panelOf = (page: Page) => page.getByRole("complementary", { name: "Guide panel" });
const stepIn = (panel: Locator, title: string) => panel.getByRole("listitem").filter({ hasText: title });

async function expectTicked(panel: Locator, titles: string[], doneCount: number) {
  for (const t of titles) await expect(stepIn(panel, t)).toContainText("Done");
  await expect(panel).toContainText(doneCount === 6 ? "All 6 steps done" : `${doneCount} of 6 steps done`);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/**
 * Arrange: other walkthroughs of this run leave applications and profiles in Contoso, and a fresh lab replaces only
 * the lab. Remove the on-premises applications and the device configuration profiles so the guide starts clean.
 */
async function clearEntraAndIntune(page: Page) {
  const session = await (await page.request.get("/api/session")).json();
  const headers = { "X-CSRF-Token": session.csrfToken as string };
  const apps = (await (await page.request.get("/graph/beta/applications?$select=id,onPremisesPublishing")).json()) as {
    value: { id: string; onPremisesPublishing?: object | null }[];
  };
  for (const a of apps.value.filter((x) => x.onPremisesPublishing)) {
    const res = await page.request.delete(`/graph/beta/applications/${a.id}`, { headers });
    expect(res.ok(), `DELETE application: ${res.status()} ${await res.text()}`).toBe(true);
  }
  const profiles = (await (await page.request.get("/graph/beta/deviceManagement/deviceConfigurations")).json()) as {
    value: { id: string; "@odata.type": string }[];
  };
  // SCEP profiles first: a trusted root in use can't be deleted.
  const ordered = [...profiles.value].sort((a, b) => Number(/SCEP/i.test(b["@odata.type"])) - Number(/SCEP/i.test(a["@odata.type"])));
  for (const p of ordered) {
    const res = await page.request.delete(`/graph/beta/deviceManagement/deviceConfigurations/${p.id}`, { headers });
    expect(res.ok(), `DELETE profile: ${res.status()} ${await res.text()}`).toBe(true);
  }
}

test("guide 000 followed from a fresh lab in the portal, the side panel ticking each step", async ({ page }, testInfo) => {
  test.setTimeout(480_000);
  await signIn(page);
  await clearEntraAndIntune(page);

  // Guides › seed 000 › Follow in the side panel, then Restart (after its confirmation): the fresh lab.
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Guides" }).click();
  await page.getByRole("link", { name: "Publish NDES through Microsoft Entra application proxy" }).click();
  await expect(page.getByRole("heading", { name: "Publish NDES through Microsoft Entra application proxy", level: 1 })).toBeVisible();
  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Follow in the side panel" }).click();
  const panel = panelOf(page);
  await panel.getByRole("button", { name: "Restart" }).click();
  const confirm = page.getByRole("dialog", { name: "Restart this guide?" });
  await expect(confirm).toContainText("an empty lab");
  await confirm.getByRole("button", { name: "Restart" }).click();
  await expect(page.getByText("Restarted the guide").first()).toBeVisible();
  await expect(panel).toContainText("0 of 6 steps done");
  await expect(stepIn(panel, STEPS.connector)).toContainText("Current step");

  // Its prerequisite, seed 001 parts 1–2, in the lab console: nothing of guide 000 is done by it.
  await prepareCaAndTemplates(page);
  await installNdesRole(page);
  await addNdesServiceAccountToIisIusrs(page);
  await configureNdesServer(page);
  await expect(panel).toContainText("0 of 6 steps done");

  // Step 1 (seed 000 steps 1–10): from the panel to Entra › Application proxy, download, install on NDES01, register.
  await panel.getByRole("link", { name: `Go to Entra › Enterprise apps › Application proxy for “${STEPS.connector}”` }).click();
  await expect(page.getByRole("heading", { name: /Application proxy/, level: 1 })).toBeVisible();
  await downloadConnectorService(page);
  await installPrivateNetworkConnector(page, "NDES01");
  // Registered, but the panel shows what still blocks the step: seed 003's TLS 1.2 prerequisite on that server.
  await expect(stepIn(panel, STEPS.connector)).toContainText("Current step");
  await expect(panel.getByRole("list", { name: `Findings blocking “${STEPS.connector}”` })).toContainText("APPX_TLS12_DISABLED");
  await enableTls12(page, "NDES01");
  await restartServer(page, "NDES01", "ndes01.corp.contoso.com");
  await expectTicked(panel, [STEPS.connector], 1);
  await expect(stepIn(panel, STEPS.second)).toContainText("Current step");

  // Step 2: a second connector on APPPROXY01, prepared first as seed 003 asks (TLS 1.2, IE ESC off), and a
  // connector group with both.
  await enableTls12(page, "APPPROXY01");
  await turnOffIeEsc(page, "APPPROXY01");
  await restartServer(page, "APPPROXY01", "appproxy01.corp.contoso.com");
  await installPrivateNetworkConnector(page, "APPPROXY01");
  await expectTicked(panel, [STEPS.connector, STEPS.second], 2);
  await panel.getByRole("link", { name: `Go to Entra › Enterprise apps › Application proxy for “${STEPS.second}”` }).click();
  await newConnectorGroup(page, "NDES guide connectors", ["ndes01.corp.contoso.com", "appproxy01.corp.contoso.com"]);
  // The connector service on NDES01 takes effect after a restart (seed 001: restart the server, not iisreset).
  await restartServer(page, "NDES01", "ndes01.corp.contoso.com");
  await expect(stepIn(panel, STEPS.publish)).toContainText("Current step");

  // Step 3 (steps 11–15): Add an on-premises application, Passthrough, the group; copy the External URL; Add.
  await openAddOnPremisesApplication(page);
  await page.getByRole("textbox", { name: /^Name/ }).fill("NDES");
  await page.getByRole("textbox", { name: /^Internal URL/ }).fill("https://ndes01.corp.contoso.com/");
  await page.getByRole("combobox", { name: "Pre Authentication" }).selectOption({ label: "Passthrough" });
  await page.getByRole("combobox", { name: "Connector Group" }).selectOption({ label: "NDES guide connectors" });
  await page.getByRole("combobox", { name: "Backend Application Timeout" }).selectOption({ label: "Long" });
  const externalUrl = await page.getByRole("textbox", { name: "External URL", exact: true }).inputValue();
  expect(externalUrl).toMatch(/^https:\/\/ndes-contoso\.msappproxy\.net\/$/);
  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("heading", { name: "NDES | Application proxy" })).toBeVisible();
  // Published: the External URL now reaches IIS and mscep.dll answers 403, so steps 16–18 hold on the state too.
  await expectTicked(panel, [STEPS.publish, STEPS.welcome, STEPS.mscep], 5);
  await expect(stepIn(panel, STEPS.scepUrl)).toContainText("Current step");

  // Steps 16–18 as the seed says: paste the URL in a browser, then add the mscep.dll path.
  await browse(page, externalUrl, "HTTP 200", /IIS/);
  await browse(page, `${externalUrl}certsrv/mscep/mscep.dll`, "HTTP 403", /403/);

  // Step 19: the SCEP profile with the External URL (with the lab root CA as its trusted root), from the panel's link.
  const cas = (await (await page.request.get("/api/lab/cas")).json()) as { value: { id: string; name: string; type?: string }[] };
  const rootCa = cas.value.find((c) => c.type === "enterpriseRoot")!;
  const der = await (await page.request.get(`/api/lab/cas/${rootCa.id}/certificate?format=der`)).body();
  await panel.getByRole("link", { name: `Go to Intune › Devices › Configuration for “${STEPS.scepUrl}”` }).click();
  await expect(page).toHaveURL(/\/intune\/devices\/configuration$/);
  await openCreatePane(page, "iOS/iPadOS", "Trusted certificate");
  await page.getByLabel("Name").fill("Contoso Root CA - iOS");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Certificate file", { exact: true }).setInputFiles({ name: `${rootCa.name}.cer`, mimeType: "application/pkix-cert", buffer: der });
  await expect(page.getByRole("region", { name: "Certificate details" })).toContainText(rootCa.name);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contoso Root CA - iOS", level: 1 })).toBeVisible();
  await expect(stepIn(panel, STEPS.scepUrl)).toContainText("Current step");

  await openCreatePane(page, "iOS/iPadOS", "SCEP certificate");
  await page.getByLabel("Name").fill("SCEP - iOS");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Root Certificate", { exact: true }).selectOption({ label: "Contoso Root CA - iOS" });
  await page.getByRole("button", { name: "Add SCEP Server URL" }).click();
  await page.getByLabel("SCEP Server URL 1", { exact: true }).fill(`${externalUrl}certsrv/mscep/mscep.dll`);
  await page.getByLabel("Predefined values").selectOption({ label: "Client Authentication (1.3.6.1.5.5.7.3.2)" });
  await page.getByRole("button", { name: "Add predefined value" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { name: "SCEP - iOS", level: 1 })).toBeVisible();
  await expectTicked(panel, Object.values(STEPS), 6);
  await expect(panel).toContainText("Every step of this guide is done on this tenant.");

  // The guide's page says the same, and nothing the guide covers is an error or a warning.
  await panel.getByRole("link", { name: "Open the guide" }).click();
  await expect(page.getByRole("main").getByText("All 6 steps done")).toBeVisible();
  const guide = (await (await page.request.get("/api/guides/seed-000")).json()) as { steps: { id: string; done: boolean; blockingCodes: string[] }[] };
  expect(guide.steps.filter((s) => !s.done).map((s) => s.id)).toEqual([]);
  const codes = new Set(guide.steps.flatMap((s) => s.blockingCodes));
  const session = await (await page.request.get("/api/session")).json();
  const findings = (await (await page.request.get(`/api/tenants/${session.tenant.id}/findings`)).json()) as { value: { code: string; severity: string; message: string }[] };
  expect(findings.value.filter((f) => codes.has(f.code) && f.severity !== "info").map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  await shot(page, testInfo, "guide 000 done, with its side panel");
});
