import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const intuneAdmin = () =>
  session({ allowedActions: ["directory.read", "intune.read", "intune.configuration.write", "intune.connectors.write", "tokens.self"] });

const profiles = {
  value: [
    { "@odata.type": "#microsoft.graph.iosTrustedRootCertificate", id: "11111111-0000-4000-8000-000000000001", displayName: "Contoso Root CA - iOS", lastModifiedDateTime: "2026-03-12T08:00:00Z", assignments: [] },
    { "@odata.type": "#microsoft.graph.windows81TrustedRootCertificate", id: "11111111-0000-4000-8000-000000000002", displayName: "Contoso Root CA - Windows", lastModifiedDateTime: "2026-03-12T08:00:00Z", assignments: [] },
  ],
};

const mismatch = {
  code: "PROF_KEYUSAGE_REGISTRY_MISMATCH",
  severity: "error",
  title: "The profile's key usage makes NDES read a registry value that doesn't hold the SCEP template",
  message: "SignatureTemplate is empty",
  fix: "Align the key usage",
  why: "",
  symptom: "",
  sources: [],
  objects: [],
};

function api() {
  return mockApi({
    "GET /api/session": { body: intuneAdmin() },
    "GET /graph/beta/deviceManagement/deviceConfigurations": { body: profiles },
    "POST /api/intune/profile-drafts/evaluate": ({ body }) => {
      const draft = (body as { draft: Record<string, unknown> }).draft;
      const value = draft.keyUsage === "digitalSignature" ? [mismatch] : [];
      return { body: { value, summary: { error: value.length, warning: 0, info: 0 }, validation: [] } };
    },
  });
}

async function toSettings(type: string) {
  renderApp(`/intune/devices/configuration/create?type=${type}`);
  fireEvent.change(await screen.findByLabelText(/^Name/, {}, { timeout: 10_000 }), { target: { value: "SCEP profile" } });
  fireEvent.click(screen.getByRole("button", { name: "Next" }));
  await screen.findByRole("heading", { name: "Configuration settings" });
}

describe("Create profile: SCEP certificate", () => {
  it("on iOS offers only the iOS trusted certificate profiles and no hash algorithm", async () => {
    api();
    await toSettings("microsoft.graph.iosScepCertificateProfile");
    const root = screen.getByLabelText("Root Certificate") as HTMLSelectElement;
    await waitFor(() => expect([...root.options].map((o) => o.text)).toEqual(["Select a root certificate", "Contoso Root CA - iOS"]));
    expect(screen.queryByLabelText("Hash algorithm")).toBeNull();
    expect(screen.queryByLabelText("Key storage provider (KSP)")).toBeNull();
  });

  it("on Windows has the hash algorithm and the key storage provider", async () => {
    api();
    await toSettings("microsoft.graph.windows81SCEPCertificateProfile");
    expect(screen.getByLabelText("Hash algorithm")).toBeTruthy();
    expect(screen.getByLabelText("Key storage provider (KSP)")).toBeTruthy();
    const root = screen.getByLabelText("Root Certificate") as HTMLSelectElement;
    await waitFor(() => expect([...root.options].map((o) => o.text)).toContain("Contoso Root CA - Windows"));
    expect([...root.options].map((o) => o.text)).not.toContain("Contoso Root CA - iOS");
  });

  it("previews the subject name with the variables resolved for a sample user, and a device's own for Device", async () => {
    api();
    await toSettings("microsoft.graph.iosScepCertificateProfile");
    fireEvent.change(screen.getByLabelText(/^Subject name format/), { target: { value: "CN={{UserName}},E={{EmailAddress}}" } });
    expect(screen.getByTestId("subject-preview").textContent).toBe("CN=admin,E=admin@contoso.onmicrosoft.com");
    fireEvent.change(screen.getByLabelText("Certificate type"), { target: { value: "machine" } });
    fireEvent.change(screen.getByLabelText(/^Subject name format/), { target: { value: "CN={{DeviceName}}" } });
    expect(screen.getByTestId("subject-preview").textContent).toBe("CN=CONTOSO-DEVICE-01");
  });

  it("shows PROF_KEYUSAGE_REGISTRY_MISMATCH as soon as key usage becomes Digital signature only", async () => {
    const { calls } = api();
    await toSettings("microsoft.graph.iosScepCertificateProfile");
    const panel = screen.getByRole("region", { name: "Findings for this profile" });
    await within(panel).findByText("No problems found");
    fireEvent.click(screen.getByRole("checkbox", { name: "Key encipherment" }));
    expect(await within(panel).findByText("PROF_KEYUSAGE_REGISTRY_MISMATCH")).toBeTruthy();
    const last = calls.filter((c) => c.url.pathname.endsWith("/evaluate")).at(-1)!;
    expect((last.body as { draft: Record<string, unknown> }).draft).toMatchObject({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      keyUsage: "digitalSignature",
    });
    expect(last.headers.get("X-CSRF-Token")).toBe("csrf-123");
  });
});
