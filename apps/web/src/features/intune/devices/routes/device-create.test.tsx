// Create device: the fields follow the platform (IMEI/MEID only where the platform has them, from the domain),
// ZDeviceCreate's messages land on their fields before anything is sent, the API's 400 details land on theirs,
// and a Global Reader gets no form.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { globalReaderSession, graphError, mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const admin = () => session({ allowedActions: [...session().allowedActions, "intune.read", "intune.configuration.write"] });
const users = { value: [{ id: "3f1c7a52-0c1e-4d0a-9a5e-0b7d2f1c3e11", displayName: "Intune Admin", userPrincipalName: "intune-admin@contoso.onmicrosoft.com" }] };

describe("Create device", () => {
  it("shows IMEI and MEID for iOS but not for macOS, and checks the form with ZDeviceCreate before sending", async () => {
    const api = mockApi({ "GET /api/session": { body: admin() }, "GET /graph/beta/users": { body: users }, "GET /graph/beta/groups": { body: { value: [] } } });
    renderApp("/intune/devices/all/create");
    expect(await screen.findByRole("form", { name: "Create device" })).toBeTruthy();
    expect(screen.getByLabelText("IMEI")).toBeTruthy();
    expect(screen.getByLabelText("MEID")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: /^Platform/ }), { target: { value: "macOS" } });
    expect(screen.queryByLabelText("IMEI")).toBeNull();
    expect(screen.queryByLabelText("MEID")).toBeNull();

    fireEvent.change(screen.getByRole("combobox", { name: /^Platform/ }), { target: { value: "iOS" } });
    fireEvent.change(screen.getByLabelText("IMEI"), { target: { value: "356938035643808" } });
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText("deviceName is required")).toBeTruthy();
    expect(screen.getByText("imei is 15 digits with a valid check digit")).toBeTruthy();
    expect(screen.getByText(/userId \(the primary user\) is required/)).toBeTruthy();
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("puts the API's 400 details under their fields", async () => {
    const bad = { ...graphError("BadRequest", "The device is not valid."), error: { ...graphError("BadRequest", "The device is not valid.").error, details: [{ code: "InvalidValue", target: "serialNumber", message: "serialNumber is already used by another device" }] } };
    const api = mockApi({
      "GET /api/session": { body: admin() },
      "GET /graph/beta/users": { body: users },
      "GET /graph/beta/groups": { body: { value: [] } },
      "POST /api/intune/devices": { status: 400, body: bad },
    });
    renderApp("/intune/devices/all/create");
    fireEvent.change(await screen.findByRole("textbox", { name: /^Device name/ }), { target: { value: "iphone-01" } });
    fireEvent.change(screen.getByLabelText("Serial number"), { target: { value: "F2LXK0Q1HG7F" } });
    const picker = screen.getByRole("combobox", { name: "Primary user" });
    fireEvent.click(picker);
    fireEvent.change(picker, { target: { value: "Int" } });
    fireEvent.click(await screen.findByRole("option", { name: "Intune Admin (intune-admin@contoso.onmicrosoft.com)" }));
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText("serialNumber is already used by another device")).toBeTruthy();
    const post = api.calls.find((c) => c.method === "POST");
    expect(post?.body).toMatchObject({ deviceName: "iphone-01", platform: "iOS", userId: users.value[0]!.id, serialNumber: "F2LXK0Q1HG7F", enrollmentType: "appleDeviceEnrollment" });
  });

  it("gives a Global Reader no form", async () => {
    mockApi({ "GET /api/session": { body: globalReaderSession() } });
    renderApp("/intune/devices/all/create");
    await waitFor(() => expect(screen.getByText(/Your role can't create devices/)).toBeTruthy());
    expect(screen.queryByRole("form", { name: "Create device" })).toBeNull();
  });
});
