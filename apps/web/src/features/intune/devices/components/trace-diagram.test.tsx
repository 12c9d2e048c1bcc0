// The enrollment trace as a diagram: every hop says its outcome in words, the failing hop is open by default with
// its symptom (HTTP status, event, text, body) and the finding codes linked to Health; another hop opens on click.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import type { EnrollmentTrace } from "@/features/intune/devices/api/devices";
import { TraceDiagram } from "@/features/intune/devices/components/trace-diagram";

const trace: EnrollmentTrace = {
  profileId: "p1",
  profileDisplayName: "SCEP user certificate - iOS",
  deviceId: "d1",
  scepServerUrl: "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll",
  requestUrlLength: 3120,
  tracedDateTime: "2026-12-03T15:00:00.000Z",
  ca: { requestId: 12, template: "Intune SCEP", disposition: "failed" },
  outcome: "failed",
  failedHop: "ca",
  intuneStatus: "Error",
  statusText: "The certificate request was denied by the certification authority (0x80094800).",
  request: { subject: "CN=iphone-01", subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }], keyUsage: ["digitalSignature"], keySize: 2048, ekus: ["1.3.6.1.5.5.7.3.2"] },
  hops: [
    { id: "profile", title: "Profile delivered", flowHop: "a", partB: "1", outcome: "ok", detail: "The profile reaches the device through Certlab SCEP Users.", codes: [] },
    {
      id: "ca",
      title: "Certification authority",
      flowHop: "f",
      partB: "6",
      outcome: "failed",
      detail: "NDES asked for the template named in GeneralPurposeTemplate.",
      symptom: { httpStatus: 200, eventId: 31, eventSource: "NetworkDeviceEnrollmentService", text: "The requested certificate template is not supported by this CA. 0x80094800", body: "CertRep FAILURE badRequest" },
      codes: ["NDES_TEMPLATE_NOT_PUBLISHED"],
    },
    { id: "delivery", title: "Certificate delivered", flowHop: "f", partB: "7", outcome: "skipped", detail: "Not reached.", codes: [] },
  ],
};

describe("the enrollment trace diagram", () => {
  it("opens the failing hop with its symptom and codes", () => {
    render(
      <MemoryRouter>
        <TraceDiagram trace={trace} label="Enrollment trace" />
      </MemoryRouter>,
    );
    const hops = within(screen.getByRole("list", { name: "Hops of the enrollment" })).getAllByRole("button");
    expect(hops.map((b) => b.getAttribute("aria-label"))).toEqual(["1. Profile delivered: OK", "2. Certification authority: Failed", "3. Certificate delivered: Not reached"]);
    expect(hops[1]!.getAttribute("aria-pressed")).toBe("true");
    const open = screen.getByRole("region", { name: "Hop Certification authority" });
    const symptom = within(open).getByRole("region", { name: "Symptom" });
    expect(symptom.textContent).toContain("NetworkDeviceEnrollmentService event 31");
    expect(symptom.textContent).toContain("0x80094800");
    expect(within(symptom).getByLabelText("Response body").textContent).toBe("CertRep FAILURE badRequest");
    expect(open.textContent).toContain("Failed Requests, Request ID 12, template Intune SCEP");
    const link = within(open).getByRole("link", { name: "NDES_TEMPLATE_NOT_PUBLISHED in Health" });
    expect(link.getAttribute("href")).toBe("/health?q=NDES_TEMPLATE_NOT_PUBLISHED");
    expect(screen.getByText("Error")).toBeTruthy();

    fireEvent.click(hops[0]!);
    expect(screen.getByRole("region", { name: "Hop Profile delivered" }).textContent).toContain("Certlab SCEP Users");
    fireEvent.click(screen.getByRole("button", { name: "Show the failing hop" }));
    expect(screen.getByRole("region", { name: "Hop Certification authority" })).toBeTruthy();
  });
});
