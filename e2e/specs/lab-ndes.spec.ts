// Issue 3 "done when": from a FRESH lab, seed 001 parts 1 and 2 and seed 002's "Configure the certification
// authority" and "Set up NDES" carried out entirely in the lab console, by role and label as an admin clicks them.
// Along the way the lab browser shows 503 while the service account is missing from IIS_IUSRS, the general NDES
// page before the connector is installed, and 403 after the connector and a restart. It ends with no findings of
// rules-reference A.1–A.5 and A.10 (CA_, TPL_, NDES_, IIS_, HTTPSYS_, CONN_, WAP_, RP_, NET_).
import { expect, test } from "@playwright/test";
import { browse, installPrivateNetworkConnector } from "../fixtures/lab-console";
import {
  addNdesServiceAccountToIisIusrs,
  configureNdesServer,
  createFreshLab,
  installNdesRole,
  prepareCaAndTemplates,
  restartServer,
} from "../fixtures/ndes-setup";
import { READER, signIn } from "../fixtures/portal";

const NDES_URL = "http://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";
const SECTIONS = /^(CA|TPL|NDES|IIS|HTTPSYS|CONN|WAP|RP|NET)_/;

test("seed 001 parts 1–2 and seed 002 (CA, NDES) in the lab console, from a fresh lab to no findings", async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page);

  await createFreshLab(page);

  await prepareCaAndTemplates(page);
  await installNdesRole(page);

  // The service account is not yet in IIS_IUSRS: the SCEP app pool can't run → 503.
  await browse(page, NDES_URL, "HTTP 503", /503/);
  await page.getByRole("button", { name: "Why?" }).click();
  await expect(page.getByRole("link", { name: "NDES_SVC_NOT_IN_IIS_IUSRS" })).toBeVisible();

  await addNdesServiceAccountToIisIusrs(page);

  // Now the general NDES page (no connector yet).
  await browse(page, NDES_URL, "HTTP 200", /^Network Device Enrollment Service$/);

  await configureNdesServer(page);

  // Seed 001 part 2: NDES published through Entra application proxy — the private network connector on APPPROXY01.
  await installPrivateNetworkConnector(page, "APPPROXY01");

  // Restart NDES01 (not iisreset), then the URL answers 403 as D.5 expects with the connector in place.
  await restartServer(page, "NDES01", "ndes01.corp.contoso.com");
  await browse(page, "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll", "HTTP 403", /403/);

  // Health: nothing left from these sections.
  await page.goto("/health");
  await expect(page.getByRole("heading", { name: /Certlab Health/ }).first()).toBeVisible();
  const session = await (await page.request.get("/api/session")).json();
  const findings = await (await page.request.get(`/api/tenants/${session.tenant.id}/findings`)).json();
  const left = (findings.value as { code: string; message: string }[]).filter((f) => SECTIONS.test(f.code));
  expect(left.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
});

test("a Global Reader sees the lab consoles read-only", async ({ page }) => {
  await signIn(page, READER);
  await page.goto("/lab");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create a fresh lab" })).toHaveCount(0);
  await page.goto("/lab/ca");
  await expect(page.getByText(/read-only access to the lab/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Add…" })).toHaveCount(0);
});
