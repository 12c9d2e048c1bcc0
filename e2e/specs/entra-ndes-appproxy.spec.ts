// Issue 5 / seed 000: publish NDES through Microsoft Entra application proxy. In the lab (the correct NDES
// configuration), install and register a private network connector on NDES01; see it Active in Entra >
// Enterprise apps > Application proxy; put it with the lab's other connector into a new connector group; publish
// NDES with Passthrough into that group through "Add an on-premises application"; copy the External URL; the lab
// browser shows the IIS welcome page and 403 on certsrv/mscep/mscep.dll; the SCEP profile gets the URL; Health
// ends with no application proxy findings (rules-reference A.8, A.9).
import { expect, test, type Page } from "@playwright/test";
import { downloadConnectorService, newConnectorGroup, openApplicationProxy } from "../fixtures/entra";
import { DEMO_PASSWORD, signIn } from "../fixtures/portal";

const APP_ADMIN = "app-admin@contoso.onmicrosoft.com";

async function api(page: Page) {
  const session = await (await page.request.get("/api/session")).json();
  const headers = { "X-CSRF-Token": session.csrfToken as string };
  return {
    tenantId: session.tenant.id as string,
    get: async (url: string) => {
      const res = await page.request.get(url);
      expect(res.ok(), `GET ${url}: ${res.status()}`).toBe(true);
      return res;
    },
    send: async (method: "POST" | "PATCH", url: string, data: unknown) => {
      const res = await page.request.fetch(url, { method, data, headers });
      expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
      return res;
    },
  };
}

test("seed 000: NDES published through application proxy with Passthrough, checked in the lab browser, used by the SCEP profile", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  const lab = await api(page);

  // The lab with the correct NDES configuration; NDES01 gets the connector (registered by an Application Administrator).
  await lab.send("POST", "/api/lab/reset", { scenario: "correct" });
  const servers = (await (await lab.get("/api/lab/servers")).json()) as { value?: { id: string; name: string }[] } | { id: string; name: string }[];
  const list = Array.isArray(servers) ? servers : (servers.value ?? []);
  const ndes01 = list.find((s) => s.name === "NDES01");
  expect(ndes01).toBeTruthy();
  // Seed 003 "HTTP 2.0": on Windows Server 2019 or later, EnableDefaultHTTP2 = 0 before installing the connector.
  await lab.send("PATCH", `/api/lab/servers/${ndes01!.id}`, { winHttpHttp2Enabled: false });
  await lab.send("POST", `/api/lab/servers/${ndes01!.id}/private-network-connector`, { registerAsUpn: APP_ADMIN, password: DEMO_PASSWORD, acceptTerms: true });

  // Entra > Enterprise apps > Application proxy: Download connector service → terms → the lab installer.
  await openApplicationProxy(page);
  await downloadConnectorService(page);

  // The new connector is listed with a status of Active.
  const defaultGroup = page.getByRole("table", { name: "Connectors in Default" });
  const ndesRow = defaultGroup.getByRole("row", { name: /ndes01\.corp\.contoso\.com/ });
  await expect(ndesRow).toContainText("Active");
  await expect(defaultGroup.getByRole("row", { name: /appproxy01\.corp\.contoso\.com/ })).toContainText("Active");

  // New connector group with both connectors.
  await newConnectorGroup(page, "NDES connectors", ["ndes01.corp.contoso.com", "appproxy01.corp.contoso.com"]);

  // Enterprise applications > New application > Add an on-premises application.
  await page.getByRole("navigation", { name: "Enterprise applications" }).getByRole("link", { name: "All applications" }).click();
  await page.getByRole("button", { name: "New application" }).click();
  await page.getByRole("button", { name: "Add an on-premises application" }).click();
  await page.getByRole("textbox", { name: /^Name/ }).fill("NDES");
  // Seed 003: an internal URL without the trailing "/" is flagged as the admin types.
  await page.getByRole("textbox", { name: /^Internal URL/ }).fill("https://ndes01.corp.contoso.com");
  await expect(page.getByText(/does not end with a “\/”/).first()).toBeVisible();
  await page.getByRole("textbox", { name: /^Internal URL/ }).fill("https://ndes01.corp.contoso.com/");
  // Live: the rules engine says NDES must be Passthrough while Microsoft Entra ID is selected.
  await expect(page.getByRole("region", { name: "Configuration findings" })).toContainText("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
  await page.getByRole("combobox", { name: "Pre Authentication" }).selectOption({ label: "Passthrough" });
  await page.getByRole("combobox", { name: "Connector Group" }).selectOption({ label: "NDES connectors" });
  // NDES and the CA can be slow to answer a PKIOperation: Backend Application Timeout Long (180 s).
  await page.getByRole("combobox", { name: "Backend Application Timeout" }).selectOption({ label: "Long" });
  await expect(page.getByRole("region", { name: "Configuration findings" })).not.toContainText("APPPROXY_PREAUTH_NOT_PASSTHROUGH");

  // Copy the provided External URL.
  const externalUrl = await page.getByRole("textbox", { name: "External URL", exact: true }).inputValue();
  expect(externalUrl).toBe("https://ndes-contoso.msappproxy.net/");
  await page.getByRole("button", { name: "Copy External URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(externalUrl);

  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("heading", { name: "NDES | Application proxy" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Pre Authentication" })).toHaveValue("passthru");
  await expect(page.getByRole("textbox", { name: "External URL", exact: true })).toHaveValue(externalUrl);

  // Test Application: no detected issues for this configuration.
  await page.getByRole("button", { name: "Test Application" }).click();
  await expect(page.getByRole("region", { name: "Test Application results" })).toContainText("No issues detected.");

  // The lab browser: the External URL shows the IIS welcome page; mscep.dll answers 403.
  const root = await (await lab.get(`/api/lab/browse?url=${encodeURIComponent(externalUrl)}`)).json();
  expect(root.status).toBe(200);
  expect(`${root.title} ${root.body}`).toMatch(/IIS/);
  const mscepUrl = `${externalUrl}certsrv/mscep/mscep.dll`;
  const mscep = await (await lab.get(`/api/lab/browse?url=${encodeURIComponent(mscepUrl)}`)).json();
  expect(mscep.status).toBe(403);

  // Intune: the SCEP profile (created with the internal URL) gets the new URL.
  const cas = await (await lab.get("/api/lab/cas")).json();
  const rootCa = (Array.isArray(cas) ? cas : cas.value).find((c: { type: string }) => c.type === "enterpriseRoot");
  const der = await (await lab.get(`/api/lab/cas/${rootCa.id}/certificate`)).body();
  const trusted = await (
    await lab.send("POST", "/graph/beta/deviceManagement/deviceConfigurations", {
      "@odata.type": "#microsoft.graph.windows81TrustedRootCertificate",
      displayName: "Contoso Root CA - Windows",
      certFileName: "ContosoRootCA.cer",
      trustedRootCertificate: der.toString("base64"),
      destinationStore: "computerCertStoreRoot",
    })
  ).json();
  const scep = await (
    await lab.send("POST", "/graph/beta/deviceManagement/deviceConfigurations", {
      "@odata.type": "#microsoft.graph.windows81SCEPCertificateProfile",
      displayName: "SCEP - Windows",
      renewalThresholdPercentage: 20,
      certificateStore: "machine",
      certificateValidityPeriodScale: "years",
      certificateValidityPeriodValue: 1,
      subjectNameFormat: "custom",
      subjectNameFormatString: "CN={{AAD_Device_ID}}",
      keyUsage: "digitalSignature,keyEncipherment",
      keySize: "size2048",
      hashAlgorithm: "sha2",
      extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
      scepServerUrls: ["https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"],
      "rootCertificate@odata.bind": `https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('${trusted.id}')`,
    })
  ).json();
  const before = await (await lab.get(`/api/tenants/${lab.tenantId}/findings`)).json();
  expect(before.value.map((f: { code: string }) => f.code)).toContain("APPPROXY_INTUNE_URL_NOT_UPDATED");
  await lab.send("PATCH", `/graph/beta/deviceManagement/deviceConfigurations/${scep.id}`, {
    "@odata.type": "#microsoft.graph.windows81SCEPCertificateProfile",
    scepServerUrls: [mscepUrl],
  });

  // Health: nothing left from the application proxy sections (A.8 APPX_, A.9 APPPROXY_).
  const after = await (await lab.get(`/api/tenants/${lab.tenantId}/findings`)).json();
  const proxyFindings = after.value.filter((f: { code: string }) => /^(APPX_|APPPROXY_)/.test(f.code));
  expect(proxyFindings, JSON.stringify(proxyFindings, null, 1)).toEqual([]);
  await page.goto("/health");
  await expect(page.getByRole("tab", { name: "Findings" })).toBeVisible();
  await expect(page.getByText(/APPX_|APPPROXY_/)).toHaveCount(0);
});
