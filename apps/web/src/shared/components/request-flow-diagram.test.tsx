// Seed 004's request flow as a diagram: each hop says its health in words, and the first broken hop (where a real
// enrollment stops) is open with the findings that break it.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import type { RequestFlow, RequestFlowHopState } from "@certlab/domain/topology/types";
import { RequestFlowDiagram } from "@/shared/components/request-flow-diagram";
import { finding } from "@/testing/guides";

const hop = (id: RequestFlowHopState["id"], title: string, over: Partial<RequestFlowHopState> = {}): RequestFlowHopState => ({
  id,
  title,
  description: `${title} description`,
  from: "Device",
  to: "Application proxy",
  codes: [],
  source: "004_0623edc70b4e3354.txt",
  health: "ok",
  findings: [],
  ...over,
});

const flow: RequestFlow = {
  hops: [
    hop("a", "Device to application proxy"),
    hop("b", "Application proxy to NDES", {
      health: "error",
      codes: ["APPPROXY_PREAUTH_NOT_PASSTHROUGH"],
      findings: [finding("APPPROXY_PREAUTH_NOT_PASSTHROUGH", "error", { title: "NDES is not published with Passthrough" })],
    }),
    hop("c", "Policy module checks the challenge", { health: "warning", findings: [finding("W1", "warning"), finding("W2", "warning")] }),
  ],
};

describe("the request flow diagram", () => {
  it("marks every hop and opens the first broken one with what breaks it", () => {
    render(
      <MemoryRouter>
        <RequestFlowDiagram flow={flow} />
      </MemoryRouter>,
    );
    const hops = within(screen.getByRole("list", { name: "Hops of the SCEP request flow" })).getAllByRole("button");
    expect(hops.map((b) => b.getAttribute("aria-label"))).toEqual([
      "a) Device to application proxy: OK",
      "b) Application proxy to NDES: Error: 1 finding",
      "c) Policy module checks the challenge: Warning: 2 findings",
    ]);
    const open = screen.getByRole("region", { name: "Hop b) Application proxy to NDES" });
    expect(within(open).getByRole("list", { name: "Findings that break hop b" }).textContent).toContain("NDES is not published with Passthrough");

    fireEvent.click(hops[0]!);
    const a = screen.getByRole("region", { name: "Hop a) Device to application proxy" });
    expect(a.textContent).toContain("Nothing breaks this hop in this tenant.");
  });
});
