// Guide: add an on-premises application for remote access through application proxy (003_43f76a8e56847852.txt):
// prepare the connector server, install and verify the connector, add the application, test. ("Assign a user for testing" is left out: NDES is published with Passthrough, where
// assignment does not gate access, seed 000.)
import { fromSeed } from "./define";
import { STEP } from "./steps";
import type { Guide } from "./types";

const F = "003_43f76a8e56847852.txt";

export const SEED_003_GUIDE: Guide = {
  id: "seed-003",
  title: "Add an on-premises application through application proxy",
  summary: "Prepare and install the private network connector (more than one for availability), add NDES as your own on-premises application, and test it through its External URL.",
  source: F,
  start: "fresh",
  prerequisites: ["seed-002"],
  steps: [
    fromSeed(STEP.appProxyConnector, F, "Install and register a connector; Verify the connector", { title: "Prepare the server, install and verify the connector" }),
    fromSeed(STEP.secondConnector, F, "General requirements: more than one connector"),
    fromSeed(STEP.publishNdes, F, "Add an on-premises app to Microsoft Entra ID"),
    fromSeed(STEP.testWelcomePage, F, "Test the application"),
  ],
};
