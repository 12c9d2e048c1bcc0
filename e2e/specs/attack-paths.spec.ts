// Issue 14 "done means" (Playwright): on the correct lab, break the SCEP template's Security tab (Domain Users Read +
// Enroll, as a literal duplicate of User keeps it), see the attack path on Health, request a certificate as a domain
// user for the administrator's UPN in the Certification Authority console and get it; fix the Security tab, get the
// CA's refusal text, and the path is gone from Health.
import { expect, test } from "@playwright/test";
import { addPrincipal, dialog } from "../fixtures/lab-console";
import { signIn } from "../fixtures/portal";

const PATH = "CONTOSO\\Domain Users → Enroll on 'Intune SCEP' → supply subject → Client Authentication → logon as anyone";
const DENIED = "The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)";

test("ESC1 on the SCEP template: shown on Health, exploited in the CA console, fixed without breaking enrollment", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);

  // Seed 002 done right.
  await page.goto("/lab");
  await page.getByRole("button", { name: "Load the correct configuration" }).click();
  await dialog(page, "Load the correct configuration?").getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByRole("table", { name: "All Servers" }).getByRole("link", { name: "NDES01", exact: true })).toBeVisible();

  // A domain user, alice (ADUC › New User): a member of Domain Users like every user.
  await page.goto("/lab/ad");
  await page.getByRole("button", { name: "New User" }).click();
  const nu = dialog(page, "New Object - User");
  await nu.getByLabel("Full name").fill("Alice");
  await nu.getByLabel("User logon name").fill("alice");
  await nu.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("region", { name: "alice Properties" })).toBeVisible();

  // Break: the Intune SCEP template's Security tab gets Domain Users Read + Enroll.
  await page.goto("/lab/templates");
  await page.getByRole("link", { name: "Intune SCEP", exact: true }).click();
  await page.getByRole("tab", { name: /^Security/ }).click();
  await page.getByRole("button", { name: "Add…" }).click();
  await addPrincipal(dialog(page, "Select Users, Computers, Service Accounts, or Groups"), "CONTOSO\\Domain Users", ["Enroll"]);
  await expect(page.getByRole("checkbox", { name: "Allow Enroll for CONTOSO\\Domain Users" })).toBeChecked();

  // Health: the attack path, apart from enrollment failures, in words.
  await page.goto("/health");
  const paths = page.getByRole("region", { name: /Attack paths \(1\)/ });
  await expect(paths).toBeVisible();
  await expect(paths.getByRole("list", { name: `Path: ${PATH}` })).toBeVisible();
  await expect(page.getByRole("region", { name: /^.*Errors \(/ })).toHaveCount(0);

  // Certification Authority › Request a certificate as… alice, Intune SCEP, CN=Administrator, UPN administrator@…
  await page.goto("/lab/ca");
  await expect(page.getByText(/Contoso Issuing CA —/)).toBeVisible();
  await page.getByRole("button", { name: "Request a certificate as…" }).click();
  let rq = dialog(page, /Request a certificate as…/);
  await rq.getByLabel("Account").selectOption("CONTOSO\\alice");
  await rq.getByLabel("Certificate template").selectOption({ label: "Intune SCEP" });
  await rq.getByLabel("Subject").fill("CN=Administrator");
  await rq.getByLabel("SAN 1 value").fill("administrator@corp.contoso.com");
  await rq.getByRole("button", { name: "Submit" }).click();
  const issued = rq.getByRole("region", { name: "Issued certificate" });
  await expect(issued).toContainText("Certificate issued");
  await expect(issued).toContainText("Principal Name=administrator@corp.contoso.com");
  await expect(rq.getByLabel("Certificate (PEM)")).toHaveValue(/-----BEGIN CERTIFICATE-----/);
  await rq.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("tab", { name: /^Issued Certificates/ }).click();
  await expect(page.getByRole("table", { name: "Issued Certificates" })).toContainText("CONTOSO\\alice");

  // Fix: Domain Users off the template's Security tab (the NDES accounts keep Read + Enroll).
  await page.goto("/lab/templates");
  await page.getByRole("link", { name: "Intune SCEP", exact: true }).click();
  await page.getByRole("tab", { name: /^Security/ }).click();
  await page.getByRole("button", { name: "Remove CONTOSO\\Domain Users" }).click();
  await expect(page.getByRole("checkbox", { name: "Allow Enroll for CONTOSO\\Domain Users" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Allow Enroll for CONTOSO\\svc-ndes" })).toBeChecked();

  // The same request is refused with the CA's own text, and lands in Failed Requests.
  await page.goto("/lab/ca");
  await page.getByRole("button", { name: "Request a certificate as…" }).click();
  rq = dialog(page, /Request a certificate as…/);
  await rq.getByLabel("Account").selectOption("CONTOSO\\alice");
  await rq.getByLabel("Certificate template").selectOption({ label: "Intune SCEP" });
  await rq.getByLabel("SAN 1 value").fill("administrator@corp.contoso.com");
  await rq.getByRole("button", { name: "Submit" }).click();
  await expect(rq.getByRole("alert")).toContainText(DENIED);
  await rq.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("tab", { name: /^Failed Requests/ }).click();
  await expect(page.getByRole("table", { name: "Failed Requests" })).toContainText(DENIED);

  // The NDES service account still gets its SCEP certificate.
  await page.getByRole("button", { name: "Request a certificate as…" }).click();
  rq = dialog(page, /Request a certificate as…/);
  await rq.getByLabel("Account").selectOption("CONTOSO\\svc-ndes");
  await rq.getByLabel("Certificate template").selectOption({ label: "Intune SCEP" });
  await rq.getByLabel("Subject").fill("CN=iPhone-Adele");
  await rq.getByLabel("SAN 1 value").fill("adele@contoso.onmicrosoft.com");
  await rq.getByRole("button", { name: "Submit" }).click();
  await expect(rq.getByRole("region", { name: "Issued certificate" })).toContainText("Principal Name=adele@contoso.onmicrosoft.com");
  await rq.getByRole("button", { name: "Cancel" }).click();

  // Health: the path is gone (only the info on the NDES computer's Issue and Manage remains).
  await page.goto("/health");
  await expect(page.getByRole("region", { name: /Attack paths \(0\)/ })).toBeVisible();
  await expect(page.getByRole("list", { name: `Path: ${PATH}` })).toHaveCount(0);
});
