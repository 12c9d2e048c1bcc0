// Issue 3 "done when": from a FRESH lab, seed 001 parts 1 and 2 and seed 002's "Configure the certification
// authority" and "Set up NDES" carried out entirely in the lab console, by role and label as an admin clicks them.
// Along the way the lab browser shows 503 while the service account is missing from IIS_IUSRS, the general NDES
// page before the connector is installed, and 403 after the connector and a restart. It ends with no findings of
// rules-reference A.1–A.5 and A.10 (CA_, TPL_, NDES_, IIS_, HTTPSYS_, CONN_, WAP_, RP_, NET_).
import { expect, test } from "@playwright/test";
import { addPrincipal, applyTab, browse, dialog, installPrivateNetworkConnector, next, openServer, setRegistryValue } from "../fixtures/lab-console";
import { DEMO_PASSWORD, READER, signIn } from "../fixtures/portal";

const NDES_URL = "http://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";
const SECTIONS = /^(CA|TPL|NDES|IIS|HTTPSYS|CONN|WAP|RP|NET)_/;

test("seed 001 parts 1–2 and seed 002 (CA, NDES) in the lab console, from a fresh lab to no findings", async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page);

  // A fresh lab.
  await page.goto("/lab");
  await page.getByRole("button", { name: "Create a fresh lab" }).click();
  await dialog(page, "Create a fresh lab?").getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("table", { name: "All Servers" }).getByRole("link", { name: "NDES01", exact: true })).toBeVisible();

  // Seed 001 part 1: the NDES service account in ADUC, and its SPN (setspn -s http/<NDES> CONTOSO\svc-ndes).
  await page.goto("/lab/ad");
  await page.getByRole("button", { name: "New User" }).click();
  const nu = dialog(page, "New Object - User");
  await nu.getByLabel("Full name").fill("NDES service account");
  await nu.getByLabel("User logon name").fill("svc-ndes");
  await nu.getByRole("button", { name: "OK" }).click();
  const props = page.getByRole("region", { name: "svc-ndes Properties" });
  await expect(props).toBeVisible();
  for (const spn of ["HTTP/ndes01.corp.contoso.com", "HTTP/NDES01"]) {
    await props.getByLabel("Service principal name").fill(spn);
    await props.getByRole("button", { name: "Add SPN" }).click();
    await expect(props.getByRole("list", { name: "SPNs of svc-ndes" })).toContainText(spn);
  }

  // The issuing CA's Security tab: Request Certificates for the service account (seed 001), Issue and Manage
  // Certificates for the NDES computer the connector runs as (seed 002 "Grant permissions for certificate revocation").
  await page.goto("/lab/ca");
  await expect(page.getByText(/Contoso Issuing CA —/)).toBeVisible();
  await page.getByRole("button", { name: "Add…" }).click();
  await addPrincipal(dialog(page, "Select Users, Computers, Service Accounts, or Groups"), "CONTOSO\\svc-ndes", ["Request Certificates"]);
  await expect(page.getByRole("checkbox", { name: "Allow Request Certificates for CONTOSO\\svc-ndes" })).toBeChecked();
  await page.getByRole("button", { name: "Add…" }).click();
  await addPrincipal(dialog(page, "Select Users, Computers, Service Accounts, or Groups"), "CONTOSO\\NDES01$", ["Issue and Manage Certificates"]);
  await expect(page.getByRole("checkbox", { name: "Allow Issue and Manage Certificates for CONTOSO\\NDES01$" })).toBeChecked();

  // certutil -setreg Policy\EditFlags +EDITF_ATTRIBUTEENDDATE; net stop certsvc; net start certsvc.
  await page.getByRole("tab", { name: /^Policy Module/ }).click();
  await page.getByRole("checkbox", { name: "EDITF_ATTRIBUTEENDDATE" }).click();
  await expect(page.getByRole("checkbox", { name: "EDITF_ATTRIBUTEENDDATE" })).toBeChecked();
  await page.getByRole("button", { name: "net stop certsvc" }).click();
  await expect(page.getByText("CertSvc: Stopped", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "net start certsvc" }).click();
  await expect(page.getByText("CertSvc: Running", { exact: true })).toBeVisible();

  // The issuing CA's CRL is published where internet devices reach it too (CA_CRL_EXTERNAL_DEVICES).
  await page.getByRole("tab", { name: /^General/ }).click();
  const cdp = page.getByRole("checkbox", { name: /Contoso%20Issuing%20CA\.crl reachable from the internet/ });
  await cdp.click();
  await expect(cdp).toBeChecked();

  // Seed 002 "Create the SCEP certificate template": duplicate User (Windows Server 2003 compatibility = v2).
  await page.goto("/lab/templates");
  await page.getByRole("button", { name: "Duplicate Template User", exact: true }).click();
  let nt = dialog(page, "Properties of New Template");
  await nt.getByLabel("Template display name").fill("Intune SCEP");
  await nt.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("heading", { name: "Intune SCEP Properties" })).toBeVisible();
  await applyTab(page, /^General/, () => page.getByRole("checkbox", { name: "Publish certificate in Active Directory" }).uncheck());
  await applyTab(page, /^Request Handling/, () => page.getByRole("checkbox", { name: "Allow private key to be exported" }).uncheck());
  await applyTab(page, /^Subject Name/, () => page.getByRole("radio", { name: "Supply in the request" }).check());
  await applyTab(page, /^Extensions/, async () => {
    await page.getByRole("checkbox", { name: "Encrypting File System" }).uncheck();
    await page.getByRole("checkbox", { name: "Secure Email" }).uncheck();
    await expect(page.getByRole("checkbox", { name: "Client Authentication" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Signature is proof of origin (nonrepudiation)" })).not.toBeChecked();
  });
  await page.getByRole("tab", { name: /^Security/ }).click();
  for (const who of ["CONTOSO\\svc-ndes", "CONTOSO\\NDES01$"]) {
    await page.getByRole("button", { name: "Add…" }).click();
    await addPrincipal(dialog(page, "Select Users, Computers, Service Accounts, or Groups"), who, ["Enroll"]);
    await expect(page.getByRole("checkbox", { name: `Allow Enroll for ${who}` })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: `Allow Read for ${who}` })).toBeChecked();
  }

  // Seed 001 part 2: the SSL template, duplicated from Web Server: client and server authentication, NDES computer
  // Read and Enroll, subject supplied in the request.
  await page.goto("/lab/templates");
  await page.getByRole("button", { name: "Duplicate Template Web Server", exact: true }).click();
  nt = dialog(page, "Properties of New Template");
  await nt.getByLabel("Template display name").fill("NDES Server");
  await nt.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("heading", { name: "NDES Server Properties" })).toBeVisible();
  await applyTab(page, /^Extensions/, () => page.getByRole("checkbox", { name: "Client Authentication" }).check());
  await page.getByRole("tab", { name: /^Subject Name/ }).click();
  await expect(page.getByRole("radio", { name: "Supply in the request" })).toBeChecked();
  await page.getByRole("tab", { name: /^Security/ }).click();
  await page.getByRole("button", { name: "Add…" }).click();
  await addPrincipal(dialog(page, "Select Users, Computers, Service Accounts, or Groups"), "CONTOSO\\NDES01$", ["Enroll"]);
  await expect(page.getByRole("checkbox", { name: "Allow Enroll for CONTOSO\\NDES01$" })).toBeChecked();

  // Publish both: Certificate Templates › New › Certificate Template to Issue.
  await page.goto("/lab/ca?view=templates");
  for (const t of ["Intune SCEP", "NDES Server"]) {
    await page.getByRole("button", { name: "New › Certificate Template to Issue" }).click();
    const en = dialog(page, "Enable Certificate Templates");
    await en.getByRole("radio", { name: t, exact: true }).check();
    await en.getByRole("button", { name: "OK" }).click();
    await expect(en).toBeHidden();
    await expect(page.getByRole("table", { name: "Certificate Templates to Issue" })).toContainText(t);
  }

  // Seed 002 "Install the NDES service": Add Roles and Features on NDES01, then the AD CS Configuration wizard.
  await openServer(page, "NDES01", /^Roles and Features/);
  await page.getByRole("button", { name: "Add Roles and Features" }).click();
  const arf = dialog(page, "Add Roles and Features Wizard");
  await next(arf, 3);
  await arf.getByRole("checkbox", { name: "Network Device Enrollment Service" }).check();
  await expect(arf.getByRole("checkbox", { name: "Request Filtering" })).toBeChecked();
  await next(arf, 2);
  await arf.getByRole("button", { name: "Install" }).click();
  await expect(arf.getByText(/Installation succeeded/)).toBeVisible();
  await arf.getByRole("button", { name: "Configure Active Directory Certificate Services on the destination server" }).click();

  const adcs = dialog(page, "AD CS Configuration");
  await expect(adcs.getByLabel("Credentials")).toHaveValue("CONTOSO\\Administrator");
  await next(adcs);
  await adcs.getByRole("checkbox", { name: "Network Device Enrollment Service" }).check();
  await next(adcs);
  await adcs.getByLabel("Service account for NDES").fill("CONTOSO\\svc-ndes");
  await next(adcs);
  await adcs.getByRole("radio", { name: /^Contoso Issuing CA/ }).check();
  await next(adcs);
  await expect(adcs.getByLabel("RA Name")).toHaveValue("NDES01-MSCEP-RA");
  await next(adcs);
  await expect(adcs.getByLabel("Signature key provider")).toHaveValue("Microsoft Strong Cryptographic Provider");
  await next(adcs);
  await adcs.getByRole("button", { name: "Configure" }).click();
  await expect(adcs.getByText("Network Device Enrollment Service: Configuration succeeded")).toBeVisible();
  await adcs.getByRole("button", { name: "Close" }).click();

  // The service account is not yet in IIS_IUSRS: the SCEP app pool can't run → 503.
  await browse(page, NDES_URL, "HTTP 503", /503/);
  await page.getByRole("button", { name: "Why?" }).click();
  await expect(page.getByRole("link", { name: "NDES_SVC_NOT_IN_IIS_IUSRS" })).toBeVisible();

  // compmgmt.msc: add the service account to IIS_IUSRS.
  await openServer(page, "NDES01", /^Local Users and Groups/);
  await page.getByRole("button", { name: "Add member to IIS_IUSRS" }).click();
  const sel = dialog(page, /Select Users, Computers, Service Accounts, or Groups/);
  await sel.getByLabel("Enter the object names to select").fill("CONTOSO\\svc-ndes");
  await sel.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("list", { name: "Members of IIS_IUSRS" })).toContainText("CONTOSO\\svc-ndes");

  // Now the general NDES page (no connector yet).
  await browse(page, NDES_URL, "HTTP 200", /^Network Device Enrollment Service$/);

  // Seed 002 step 2: the MSCEP values hold the template NAME; S48's SHA256.
  await openServer(page, "NDES01", /^Registry Editor/);
  for (const v of ["SignatureTemplate", "EncryptionTemplate", "GeneralPurposeTemplate"]) await setRegistryValue(page, v, "IntuneSCEP");
  await setRegistryValue(page, "HashAlgorithm", "SHA256");
  // Seed 001 part 2: HTTP.sys accepts long requests.
  await setRegistryValue(page, "MaxFieldLength", "65534", true);
  await setRegistryValue(page, "MaxRequestBytes", "65534", true);
  const mscep = page.getByRole("table", { name: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" });
  await expect(mscep.getByRole("row", { name: /GeneralPurposeTemplate/ })).toContainText("IntuneSCEP");
  await expect(page.getByRole("table", { name: /HTTP\\Parameters/ }).getByRole("row", { name: /MaxRequestBytes/ })).toContainText("65534");

  // Seed 001 part 2: IIS request filtering.
  await page.getByRole("tab", { name: /^IIS Manager/ }).click();
  await page.getByRole("button", { name: "Edit Feature Settings…" }).click();
  const rf = dialog(page, "Edit Request Filtering Settings");
  await rf.getByLabel("Maximum URL length (Bytes)").fill("65534");
  await rf.getByLabel("Maximum query string (Bytes)").fill("65534");
  await rf.getByRole("button", { name: "OK" }).click();
  await expect(page.getByText("Maximum URL length (Bytes): 65534; Maximum query string (Bytes): 65534")).toBeVisible();
  await page.getByRole("button", { name: "Remove the mscep_admin application" }).click();
  await expect(page.getByRole("button", { name: "Remove the mscep_admin application" })).toBeHidden();

  // Seed 002 "Install and bind certificates": request the server authentication certificate, bind it on https:443.
  await page.getByRole("tab", { name: /^Certificates \(Local Computer\)/ }).click();
  await page.getByRole("button", { name: "Request New Certificate…" }).click();
  const ce = dialog(page, "Certificate Enrollment");
  await ce.getByLabel("Certificate template").selectOption({ label: "NDES Server" });
  await expect(ce.getByLabel("Subject name (Common name)")).toHaveValue("CN=ndes01.corp.contoso.com");
  await ce.getByRole("button", { name: "Enroll" }).click();
  await expect(ce).toBeHidden();
  await expect(page.getByRole("table", { name: "Personal certificates" })).toContainText("NDESServer");

  await page.getByRole("tab", { name: /^IIS Manager/ }).click();
  await page.getByRole("button", { name: "Add…" }).click();
  const ab = dialog(page, "Add Site Binding");
  await expect(ab.getByLabel("Type")).toHaveValue("https");
  await expect(ab.getByLabel("Port")).toHaveValue("443");
  const thumb = await ab.locator("option", { hasText: "NDESServer" }).getAttribute("value");
  await ab.getByLabel("SSL certificate").selectOption(thumb!);
  await ab.getByRole("button", { name: "OK" }).click();
  await expect(ab).toBeHidden();
  const bindings = page.getByRole("table", { name: "Site Bindings" });
  await expect(bindings).toContainText(thumb!);
  await page.getByRole("button", { name: "Remove binding http 80" }).click();
  await expect(page.getByRole("button", { name: "Remove binding http 80" })).toBeHidden();

  // The connector needs IE Enhanced Security Configuration off (seed 002 prerequisites).
  await page.getByRole("tab", { name: /^Local Server/ }).click();
  const esc = page.getByRole("switch", { name: "IE Enhanced Security Configuration" });
  await esc.click();
  await expect(esc).not.toBeChecked();

  // Certificate Connector for Microsoft Intune: SCEP + revocation, SYSTEM, signed in by the Intune Administrator.
  await page.getByRole("tab", { name: /^Connectors/ }).click();
  await page.getByRole("button", { name: "Run IntuneCertificateConnector.exe" }).click();
  const cc = dialog(page, "Certificate Connector for Microsoft Intune");
  await next(cc);
  await cc.getByRole("checkbox", { name: "SCEP", exact: true }).check();
  await cc.getByRole("checkbox", { name: "Certificate revocation" }).check();
  await next(cc);
  await expect(cc.getByRole("radio", { name: "SYSTEM Account" })).toBeChecked();
  await next(cc, 3);
  await cc.getByLabel("Email, phone, or Skype").fill("intune-admin@contoso.onmicrosoft.com");
  await cc.getByLabel("Password").fill(DEMO_PASSWORD);
  await cc.getByRole("button", { name: "Sign In" }).click();
  await expect(cc.getByText(/Configuration succeeded/)).toBeVisible();
  await cc.getByRole("button", { name: "Exit" }).click();

  // Seed 001 part 2: NDES published through Entra application proxy — the private network connector on APPPROXY01.
  await installPrivateNetworkConnector(page, "APPPROXY01");

  // Restart NDES01 (not iisreset), then the URL answers 403 as D.5 expects with the connector in place.
  await openServer(page, "NDES01", /^Local Server/);
  await page.getByRole("button", { name: "Restart", exact: true }).click();
  await dialog(page, "Restart NDES01?").getByRole("button", { name: "Restart" }).click();
  await expect(page.getByText("ndes01.corp.contoso.com — Windows Server 2022", { exact: true })).toBeVisible();
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
