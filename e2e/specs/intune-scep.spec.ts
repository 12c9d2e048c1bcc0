// Issue 4's "done when": the lab's root CA certificate (exported after resetting the lab to seed 002's correct
// configuration) becomes an iOS trusted certificate profile through the portal's upload; an iOS SCEP profile
// references it with the NDES URL; both are assigned to the same group and show no findings; switching key usage to
// Digital signature only makes PROF_KEYUSAGE_REGISTRY_MISMATCH appear in the wizard before saving.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoProblems, includeGroup, openCreatePane, profileFindings as findings } from "../fixtures/intune";
import { signIn } from "../fixtures/portal";

type Session = { csrfToken: string; tenant: { id: string }; user: { id: string } };

async function sessionOf(request: APIRequestContext): Promise<Session> {
  const res = await request.get("/api/session");
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as Session;
}

/**
 * Seed 000: NDES published through the application proxy (an on-premises application whose internal URL is the
 * NDES server, passthrough pre-authentication) — devices on the internet call its External URL.
 */
async function publishNdes(request: APIRequestContext, headers: Record<string, string>, stamp: string): Promise<void> {
  const made = await request.post("/graph/beta/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", {
    headers,
    data: { displayName: `NDES ${stamp}` },
  });
  expect(made.ok(), await made.text()).toBeTruthy();
  const { application } = (await made.json()) as { application: { id: string } };
  const externalUrl = `https://ndes${stamp}-contoso.msappproxy.net/`;
  // The documented order: the URIs first, then onPremisesPublishing.
  const uris = await request.patch(`/graph/beta/applications/${application.id}`, {
    headers,
    data: { identifierUris: [externalUrl], web: { redirectUris: [externalUrl], homePageUrl: externalUrl } },
  });
  expect(uris.ok(), await uris.text()).toBeTruthy();
  const patch = await request.patch(`/graph/beta/applications/${application.id}`, {
    headers,
    data: {
      onPremisesPublishing: {
        externalUrl,
        internalUrl: "https://ndes01.corp.contoso.com/",
        externalAuthenticationType: "passthru",
      },
    },
  });
  expect(patch.ok(), await patch.text()).toBeTruthy();
}

/** The External URL NDES is published at (application proxy), else the NDES server's own name. */
async function ndesUrl(request: APIRequestContext, tenantId: string): Promise<string> {
  const res = await request.get(`/api/tenants/${tenantId}/snapshot`);
  expect(res.ok(), await res.text()).toBeTruthy();
  const snapshot = (await res.json()) as {
    entra?: { applications?: { onPremisesPublishing?: { externalUrl?: string; internalUrl?: string } | null }[] };
  };
  const published = (snapshot.entra?.applications ?? [])
    .map((a) => a.onPremisesPublishing)
    .filter((p) => p?.externalUrl && /ndes/i.test(p.internalUrl ?? ""))
    .at(-1);
  const base = published?.externalUrl ?? "https://ndes01.corp.contoso.com/";
  return `${base.replace(/\/+$/, "")}/certsrv/mscep/mscep.dll`;
}

test("an iOS trusted certificate from the lab root CA and an iOS SCEP profile: no findings, then the key usage mismatch", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const session = await sessionOf(page.request);
  const headers = { "X-CSRF-Token": session.csrfToken };

  // The lab, reset to seed 002's correct configuration, and its root CA certificate (certutil -ca.cert).
  const reset = await page.request.post("/api/lab/reset", { data: { scenario: "correct" }, headers });
  expect(reset.ok(), `POST /api/lab/reset: ${reset.status()} ${await reset.text()}`).toBeTruthy();
  const cas = (await (await page.request.get("/api/lab/cas")).json()) as { value: { id: string; name: string; type?: string; parentId?: string | null }[] };
  const rootCa = cas.value.find((c) => c.type === "enterpriseRoot" || c.type === "standaloneRoot") ?? cas.value.find((c) => /root/i.test(c.name));
  expect(rootCa, JSON.stringify(cas.value.map((c) => c.name))).toBeTruthy();
  const cer = await page.request.get(`/api/lab/cas/${rootCa!.id}/certificate?format=der`);
  expect(cer.ok(), await cer.text()).toBeTruthy();
  const der = await cer.body();
  const stamp = Date.now().toString(36);
  // Publish NDES through application proxy unless an earlier walkthrough (seed 000) already did: the
  // internal URL of an on-premises application must be unique in the directory.
  const published = (await (await page.request.get("/graph/beta/applications?$select=id,onPremisesPublishing")).json()) as {
    value: { onPremisesPublishing?: { internalUrl?: string } | null }[];
  };
  if (!published.value.some((a) => a.onPremisesPublishing?.internalUrl === "https://ndes01.corp.contoso.com/")) {
    await publishNdes(page.request, headers, stamp);
  }
  const url = await ndesUrl(page.request, session.tenant.id);

  // One group for both profiles, with the admin in it.
  const groupName = `SCEP iOS users ${stamp}`;
  const created = await page.request.post("/graph/beta/groups", {
    headers,
    data: { displayName: groupName, mailEnabled: false, mailNickname: `scep-ios-${stamp}`, securityEnabled: true },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const group = (await created.json()) as { id: string };
  const member = await page.request.post(`/graph/beta/groups/${group.id}/members/$ref`, {
    headers,
    data: { "@odata.id": `${new URL(page.url()).origin}/graph/beta/directoryObjects/${session.user.id}` },
  });
  expect(member.ok(), await member.text()).toBeTruthy();

  // ---- iOS trusted certificate profile, from the uploaded .cer
  const trustedName = `Contoso Root CA - iOS ${stamp}`;
  await openCreatePane(page, "iOS/iPadOS", "Trusted certificate");
  await page.getByLabel("Name").fill(trustedName);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Certificate file", { exact: true }).setInputFiles({ name: `${rootCa!.name}.cer`, mimeType: "application/pkix-cert", buffer: der });
  const details = page.getByRole("region", { name: "Certificate details" });
  await expect(details).toContainText(rootCa!.name, { timeout: 15_000 });
  await expect(details.getByRole("definition").filter({ hasText: /^Yes$/ })).toHaveCount(1); // Certificate authority
  await page.getByRole("button", { name: "Next" }).click();
  await includeGroup(page, groupName);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Review + create" })).toBeVisible();
  await expectNoProblems(page);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { name: trustedName, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Assignments" })).toContainText(groupName);

  // ---- iOS SCEP certificate profile that references it
  const scepName = `SCEP - iOS ${stamp}`;
  await openCreatePane(page, "iOS/iPadOS", "SCEP certificate");
  await page.getByLabel("Name").fill(scepName);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Hash algorithm")).toHaveCount(0); // not on iOS
  await page.getByLabel("Root Certificate", { exact: true }).selectOption({ label: trustedName });
  await page.getByRole("button", { name: "Add SCEP Server URL" }).click();
  await page.getByLabel("SCEP Server URL 1", { exact: true }).fill(url);
  await page.getByLabel("Predefined values").selectOption({ label: "Client Authentication (1.3.6.1.5.5.7.3.2)" });
  await page.getByRole("button", { name: "Add predefined value" }).click();
  await expect(page.getByLabel("Extended key usage 1 Object identifier")).toHaveValue("1.3.6.1.5.5.7.3.2");
  await page.getByRole("button", { name: "Next" }).click();
  await includeGroup(page, groupName);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Review + create" })).toBeVisible();
  await expectNoProblems(page);

  // Key usage Digital signature only: NDES would read SignatureTemplate — the finding appears before saving.
  await page.getByRole("button", { name: "Previous" }).click();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByRole("heading", { name: "Configuration settings" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Key encipherment" }).uncheck();
  await expect(findings(page)).toContainText("PROF_KEYUSAGE_REGISTRY_MISMATCH", { timeout: 15_000 });

  // Back to both key usages: no findings, and the profile is created and assigned.
  await page.getByRole("checkbox", { name: "Key encipherment" }).check();
  await expectNoProblems(page);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { name: scepName, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Configuration settings" })).toContainText(trustedName);

  // The list shows both, assigned.
  await page.goto("/intune/devices/configuration");
  const table = page.getByRole("table", { name: "Configuration profiles" });
  for (const name of [trustedName, scepName]) {
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name }) });
    await expect(row).toContainText("iOS/iPadOS");
    await expect(row.getByRole("cell").last()).toHaveText("Yes");
  }

  // The trusted root is in use: deleting it answers 409, shown in the notifications.
  await page.getByRole("link", { name: trustedName }).click();
  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Could not delete profile").first()).toBeVisible();
});
