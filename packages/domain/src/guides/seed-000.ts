// Guide: use Microsoft Entra application proxy with an NDES server (000_6abfab919ea0a4d2.txt). The seed's 20 steps
// grouped: connector download/registration (steps 1–10, the HA note of step 10), the on-premises application with
// Passthrough (11–15), the two tests through the External URL (16–19) and the SCEP profile URL (20). It publishes an
// NDES that seeds 001/002 set up, so those come first (prerequisites).
import { fromSeed } from "./define";
import { STEP } from "./steps";
import type { Guide } from "./types";

const F = "000_6abfab919ea0a4d2.txt";

export const SEED_000_GUIDE: Guide = {
  id: "seed-000",
  title: "Publish NDES through Microsoft Entra application proxy",
  summary: "Install and register the private network connector, publish NDES as an on-premises application with Passthrough, test the External URL (IIS welcome page, then 403 on mscep.dll) and point the SCEP profiles at it.",
  source: F,
  start: "fresh",
  prerequisites: ["seed-001"],
  steps: [
    fromSeed(STEP.appProxyConnector, F, "Install and register the connector, steps 1–10"),
    fromSeed(STEP.secondConnector, F, "step 10, note on high availability"),
    fromSeed(STEP.publishNdes, F, "steps 11–15"),
    fromSeed(STEP.testWelcomePage, F, "step 16"),
    fromSeed(STEP.testMscep403, F, "steps 17–18"),
    fromSeed(STEP.scepUrlExternal, F, "step 19 (Change the NDES URL provided to devices)"),
  ],
};
