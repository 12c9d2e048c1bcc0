// Issue 10 "done means" (Playwright): on the complete correct setup, an iOS device for a user in the assigned group
// ("Certlab SCEP Users") syncs, its trace succeeds hop by hop and a real certificate from the lab CA lands on it;
// the MSCEP registry given the template's display name "Intune SCEP" instead of its name IntuneSCEP (seed 002 step 2:
// "the template name, not the display name"), NDES restarted, and the next Sync stops at the CA with its symptom
// (0x80094800, CERTSRV_E_UNSUPPORTED_CERT_TYPE) and the finding behind it (NDES_TEMPLATE_REGISTRY_DISPLAY_NAME).
// Screenshots of each state go into the report.
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { createDevice, loadCompleteSetup, profileRow, syncDevice } from "../fixtures/devices";
import { openServer, setRegistryValue } from "../fixtures/lab-console";
import { restartServer } from "../fixtures/ndes-setup";
import { signIn } from "../fixtures/portal";

const IOS_SCEP = "SCEP user certificate - iOS";
const IOS_ROOT = "Contoso Root CA - iOS";

/** The portal scrolls inside its main pane, so the part that matters is scrolled into view first. */
async function shot(page: Page, testInfo: TestInfo, name: string, focus?: Locator) {
  if (focus) await focus.scrollIntoViewIfNeeded();
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

// The specs share one portal and its Contoso: put it back as the specs before this one leave it (the correct lab, no
// Intune profiles, no published application, no extra connector group) — what restarting a guide that starts from
// the fresh lab clears, then the correct lab. foundation.spec.ts expects Contoso without errors, and
// entra-ndes-appproxy.spec.ts publishes NDES itself.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  const session = (await (await page.request.get("/api/session")).json()) as { csrfToken: string };
  const headers = { "X-CSRF-Token": session.csrfToken };
  const restart = await page.request.post("/api/guides/seed-000/restart", { headers });
  expect(restart.ok(), `POST /api/guides/seed-000/restart: ${restart.status()} ${await restart.text()}`).toBeTruthy();
  const reset = await page.request.post("/api/lab/reset", { data: { scenario: "correct" }, headers });
  expect(reset.ok(), `POST /api/lab/reset: ${reset.status()} ${await reset.text()}`).toBeTruthy();
  await page.close();
});

test("an iOS device enrolls on the complete setup, and stops at the CA once the MSCEP registry names a wrong template", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  await loadCompleteSetup(page);

  // A device for a user in Certlab SCEP Users (every licensed user of the complete setup).
  await createDevice(page, { name: "iphone-e2e-01", platform: "iOS/iPadOS", osVersion: "18.1", serialNumber: "F2LXK0Q1HG7F", imei: "356938035643809", user: "Intune Admin" });
  const deviceUrl = page.url();
  await expect(page.getByText("Sync the device to receive its profiles")).toBeVisible();

  // Sync: the trusted root and the SCEP profile both succeed.
  await syncDevice(page);
  await expect(profileRow(page, IOS_ROOT)).toContainText("Succeeded");
  await expect(profileRow(page, IOS_SCEP)).toContainText("Succeeded");
  await profileRow(page, IOS_SCEP).getByRole("button", { name: /^Show the enrollment trace/ }).click();
  const trace = page.getByRole("region", { name: `Enrollment trace of ${IOS_SCEP}` });
  const hops = trace.getByRole("list", { name: "Hops of the enrollment" }).getByRole("button");
  expect(await hops.count()).toBeGreaterThan(4);
  for (const label of await hops.evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label") ?? ""))) expect(label).toMatch(/: OK$/);
  await shot(page, testInfo, "device: Sync on the complete setup, every hop OK", trace);

  // The certificate the lab CA issued, with its chain.
  await page.getByRole("tab", { name: "Certificates" }).click();
  const cert = page.getByRole("article", { name: /^Certificate / }).first();
  await expect(cert).toBeVisible();
  await expect(cert).toContainText("Contoso");
  await expect(cert.getByRole("list", { name: /^Issuer chain of / }).getByRole("listitem")).toHaveCount(3);
  await expect(cert.getByRole("button", { name: /^Download PEM of / })).toBeVisible();
  await shot(page, testInfo, "device: the certificate from the lab CA");

  // Enroll a real client: the one-time challenge Intune would hand this device, the local SCEP URLs, the commands.
  await page.getByRole("tab", { name: "Enroll a real client" }).click();
  await page.getByLabel("SCEP profile").selectOption({ label: IOS_SCEP });
  await page.getByRole("button", { name: "Get a challenge" }).click();
  const minted = page.getByRole("region", { name: "SCEP challenge" });
  await expect(minted).toContainText("(single use)");
  await expect(minted).toContainText("CN=intune-admin");
  const challenge = (await minted.getByLabel("Challenge", { exact: true }).textContent())!.trim();
  expect(challenge.length).toBeGreaterThan(100);
  const strongswan = page.getByLabel("strongSwan pki --scep commands", { exact: true });
  await expect(strongswan).toContainText(`--password '${challenge}'`);
  await expect(strongswan).toContainText("/scep/");
  await expect(page.getByLabel("micromdm scepclient commands", { exact: true })).toContainText("scepclient -server-url");
  await expect(page.getByLabel("sscep commands", { exact: true })).toContainText("otherName:1.3.6.1.4.1.311.20.2.3;UTF8:intune-admin@contoso.onmicrosoft.com");
  // The profile's UPN SAN is one scepclient and strongSwan can't send: the page says so instead of a command that fails.
  await expect(page.getByText(/strongSwan pki has no --san type for a user principal name/)).toBeVisible();
  await shot(page, testInfo, "device: Enroll a real client (challenge and command lines)", minted);

  // Break it in the lab console: NDES01 › Registry Editor › MSCEP holds the template's display name; restart NDES01.
  await openServer(page, "NDES01", /^Registry Editor/);
  for (const v of ["SignatureTemplate", "EncryptionTemplate", "GeneralPurposeTemplate"]) await setRegistryValue(page, v, "Intune SCEP");
  const mscep = page.getByRole("table", { name: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" });
  await expect(mscep.getByRole("row", { name: /GeneralPurposeTemplate/ })).toContainText("Intune SCEP");
  await restartServer(page, "NDES01", "ndes01.corp.contoso.com");

  // Sync again: the SCEP profile is in Error, the trace stops at a failed hop with the CA's symptom.
  await page.goto(deviceUrl);
  await expect(page.getByRole("heading", { name: "iphone-e2e-01", level: 1 })).toBeVisible();
  await syncDevice(page);
  const row = profileRow(page, IOS_SCEP);
  await expect(row).toContainText("Error");
  await expect(profileRow(page, IOS_ROOT)).toContainText("Succeeded");
  const failed = page.getByRole("region", { name: `Enrollment trace of ${IOS_SCEP}` });
  const failedHop = failed.getByRole("list", { name: "Hops of the enrollment" }).getByRole("button", { pressed: true });
  await expect(failedHop).toHaveAttribute("aria-label", /: Failed$/);
  const symptom = failed.getByRole("region", { name: "Symptom" });
  await expect(symptom).toContainText("0x80094800");
  // The finding behind it, linked to Health.
  const codes = failed.getByRole("list", { name: /^Findings behind / }).getByRole("link");
  expect(await codes.count()).toBeGreaterThan(0);
  await expect(failed.getByRole("link", { name: "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME in Health" })).toHaveAttribute("href", "/health?q=NDES_TEMPLATE_REGISTRY_DISPLAY_NAME");
  await shot(page, testInfo, "device: Sync after the MSCEP registry names a wrong template, failing at the CA", failed);

  // The profile's Device status report lists the device in error.
  await row.getByRole("link", { name: IOS_SCEP }).click();
  const report = page.getByRole("table", { name: "Device status" });
  await expect(report.getByRole("row").filter({ hasText: "iphone-e2e-01" })).toContainText("Error");
  await shot(page, testInfo, "profile: Device status report", report);
});
