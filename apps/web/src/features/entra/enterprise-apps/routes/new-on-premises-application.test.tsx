import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { notifications } from "@/shared/notifications/notification-store";
import { mockApi, session, TENANT_ID } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const GROUP = "9c1b6d0e-4a53-4d6f-9e61-7f5a3c2b1a00";
const P = "/graph/beta/onPremisesPublishingProfiles/applicationProxy";
const APP = { id: "a1111111-1111-4111-8111-111111111111", appId: "b2222222-2222-4222-8222-222222222222", displayName: "NDES", createdDateTime: "2026-03-12T08:19:05Z" };

function api(extra: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  return mockApi({
    "GET /api/session": {
      body: session({ allowedActions: ["directory.read", "entra.applications.write", "entra.appProxy.write", "directory.domains.write", "lab.write", "tokens.self"] }),
    },
    "GET /graph/beta/domains": {
      body: {
        value: [
          { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: false, isInitial: true },
          { id: "contoso.com", isVerified: true, isDefault: true, isInitial: false },
          { id: "fabrikam.net", isVerified: false, isDefault: false, isInitial: false },
        ],
      },
    },
    [`GET ${P}/connectorGroups`]: { body: { value: [{ id: GROUP, name: "Default", isDefault: true, region: null, connectorGroupType: "applicationProxy" }] } },
    [`GET ${P}/connectorGroups/${GROUP}/members`]: {
      body: { value: [{ id: "c1", machineName: "ndes01.corp.contoso.com", externalIp: "203.0.113.10", status: "active", version: "1.5.4522.0" }] },
    },
    "GET /graph/beta/applications": { body: { value: [] } },
    [`GET /api/tenants/${TENANT_ID}/snapshot`]: {
      body: {
        tenant: { id: TENANT_ID, displayName: "Contoso" },
        directory: {
          users: [],
          groups: [],
          groupMembers: [],
          roleAssignments: [],
          subscribedSkus: [],
          domains: [{ name: "contoso.onmicrosoft.com", isVerified: true, isInitial: true, isDefault: false }],
        },
        entra: { applications: [], connectorGroups: [{ id: GROUP, name: "Default", region: null, isDefault: true }], connectors: [], customDomains: [] },
      },
    },
    ...extra,
  });
}

describe("Add your own on-premises application", () => {
  it("builds the External URL from the prefix and the chosen domain, listing only verified custom domains", { timeout: 20_000 }, async () => {
    api();
    renderApp("/entra/enterprise-apps/new/on-premises");
    const name = await screen.findByRole("textbox", { name: /^Name/ }, { timeout: 10_000 });
    fireEvent.change(name, { target: { value: "NDES Server" } });
    const external = screen.getByRole("textbox", { name: "External URL" }) as HTMLInputElement;
    expect(external.value).toBe("https://ndes-server-contoso.msappproxy.net/");

    fireEvent.change(screen.getByRole("textbox", { name: "External URL prefix" }), { target: { value: "ndes" } });
    const domain = (await screen.findByRole("combobox", { name: "External URL domain" })) as HTMLSelectElement;
    await waitFor(() => expect(Array.from(domain.options).map((o) => o.textContent)).toEqual(["-contoso.msappproxy.net/", ".contoso.com/"]));
    fireEvent.change(domain, { target: { value: "contoso.com" } });
    expect(external.value).toBe("https://ndes.contoso.com/");
    // The prefix typed by the admin no longer follows the name.
    fireEvent.change(name, { target: { value: "NDES" } });
    expect(external.value).toBe("https://ndes.contoso.com/");
  });

  it("shows the seed 003 defaults of the Additional settings", async () => {
    api();
    renderApp("/entra/enterprise-apps/new/on-premises");
    await screen.findByRole("textbox", { name: /^Name/ }, { timeout: 10_000 });
    const checked = (label: string) => (screen.getByRole("checkbox", { name: label }) as HTMLInputElement).checked;
    expect(checked("Use HTTP-Only Cookie")).toBe(false);
    expect(checked("Use Secure Cookie")).toBe(true);
    expect(checked("Use Persistent Cookie")).toBe(false);
    expect(checked("Translate URLs in Headers")).toBe(true);
    expect(checked("Translate URLs in Application Body")).toBe(false);
    expect(checked("Validate Backend TLS/SSL Certificate")).toBe(true);
    expect((screen.getByRole("combobox", { name: "Pre Authentication" }) as HTMLSelectElement).value).toBe("aadPreAuthentication");
    expect((screen.getByRole("combobox", { name: "Backend Application Timeout" }) as HTMLSelectElement).value).toBe("default");
  });

  it("refuses an internal URL without a trailing '/' with seed 003's wording, top-right, and creates nothing", async () => {
    const { calls } = api();
    renderApp("/entra/enterprise-apps/new/on-premises");
    fireEvent.change(await screen.findByRole("textbox", { name: /^Name/ }, { timeout: 10_000 }), { target: { value: "NDES" } });
    fireEvent.change(screen.getByRole("textbox", { name: /^Internal URL/ }), { target: { value: "https://ndes01.corp.contoso.com" } });
    // Live, under the field.
    expect(await screen.findByText(/does not end with a “\/”/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    const [n] = notifications.getAll();
    expect(n?.intent).toBe("error");
    expect(n?.title).toBe("Could not add the application");
    expect(n?.body).toContain("Verify that: The URLs start with http or https, and end with a “/”.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("refuses an IP address as the internal URL", async () => {
    api();
    renderApp("/entra/enterprise-apps/new/on-premises");
    fireEvent.change(await screen.findByRole("textbox", { name: /^Name/ }, { timeout: 10_000 }), { target: { value: "NDES" } });
    fireEvent.change(screen.getByRole("textbox", { name: /^Internal URL/ }), { target: { value: "https://10.0.0.12/" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(notifications.getAll()[0]?.body).toContain("The URL should be a domain name, not an IP address");
  });

  it("runs the §8.5 flow: instantiate, PATCH the URIs, PATCH onPremisesPublishing with Passthrough, connector group $ref", async () => {
    const { calls } = api({
      "POST /graph/beta/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate": {
        status: 201,
        body: { application: APP, servicePrincipal: { id: "sp-1", appId: APP.appId, displayName: "NDES" } },
      },
      [`PATCH /graph/beta/applications/${APP.id}`]: { status: 204 },
      [`PUT /graph/beta/applications/${APP.id}/connectorGroup/$ref`]: { status: 204 },
      [`GET /graph/beta/applications/${APP.id}`]: { body: APP },
    });
    const { router } = renderApp("/entra/enterprise-apps/new/on-premises");
    fireEvent.change(await screen.findByRole("textbox", { name: /^Name/ }, { timeout: 10_000 }), { target: { value: "NDES" } });
    fireEvent.change(screen.getByRole("textbox", { name: /^Internal URL/ }), { target: { value: "https://ndes01.corp.contoso.com/" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Pre Authentication" }), { target: { value: "passthru" } });
    await waitFor(() => expect((screen.getByRole("combobox", { name: "Connector Group" }) as HTMLSelectElement).value).toBe(GROUP));
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/entra/enterprise-apps/${APP.id}/app-proxy`));
    const writes = calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.url.pathname}`);
    expect(writes).toEqual([
      "POST /graph/beta/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate",
      `PATCH /graph/beta/applications/${APP.id}`,
      `PATCH /graph/beta/applications/${APP.id}`,
      `PUT /graph/beta/applications/${APP.id}/connectorGroup/$ref`,
    ]);
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
      "@odata.id": `${window.location.origin}/graph/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups/${GROUP}`,
    });
    const patches = calls.filter((c) => c.method === "PATCH").map((c) => c.body as Record<string, unknown>);
    expect(patches[0]).toEqual({
      identifierUris: [`api://${APP.appId}`],
      web: { redirectUris: ["https://ndes-contoso.msappproxy.net/"], homePageUrl: "https://ndes-contoso.msappproxy.net/" },
    });
    expect(patches[1]?.onPremisesPublishing).toMatchObject({
      externalAuthenticationType: "passthru",
      internalUrl: "https://ndes01.corp.contoso.com/",
      externalUrl: "https://ndes-contoso.msappproxy.net/",
      isTranslateHostHeaderEnabled: true,
      isSecureCookieEnabled: true,
      applicationServerTimeout: "default",
      isBackendCertificateValidationEnabled: true,
    });
    expect(calls.every((c) => c.method === "GET" || c.headers.get("X-CSRF-Token") === "csrf-123")).toBe(true);
  });
});
