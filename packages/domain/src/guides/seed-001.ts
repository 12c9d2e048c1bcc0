// Guide: configure NDES for SCEP end to end (001_6feb1c2e8b30dee5.txt) in the seed's three parts: install NDES,
// configure NDES, create the trusted root and SCEP profiles. Reader-reported pitfalls (CN = external FQDN, empty IIS
// host name, Intune licence for the connector account) are in the blocking codes of the steps they hit.
import { fromSeed } from "./define";
import { STEP } from "./steps";
import type { Guide } from "./types";

const F = "001_6feb1c2e8b30dee5.txt";

const steps = [
  fromSeed(STEP.serviceAccount, F, "Part 1: Install NDES, service account"),
  fromSeed(STEP.installNdesRole, F, "Part 1: Add the NDES role"),
  fromSeed(STEP.iisIusrs, F, "Part 1: IIS_IUSRS membership"),
  fromSeed(STEP.serviceAccountSpn, F, "Part 1: SPN for the service account"),
  fromSeed(STEP.requestPermission, F, "Part 1: Request Certificates permission on the CA"),
  fromSeed(STEP.scepTemplate, F, "Part 2: NDES template"),
  fromSeed(STEP.publishTemplate, F, "Part 2: NDES template, Certificate Template to Issue"),
  fromSeed(STEP.caSettings, F, "Part 2: CA settings (revocation, EDITF_ATTRIBUTEENDDATE)"),
  fromSeed(STEP.configureNdes, F, "Part 2: Configure NDES, MSCEP registry keys"),
  fromSeed(STEP.urlLengths, F, "Part 2: URL lengths and HTTP.sys"),
  fromSeed(STEP.iisCertificate, F, "Part 2: SSL template and binding"),
  fromSeed(STEP.installConnector, F, "Part 2: Install the Intune Certificate Connector and sign in"),
  fromSeed(STEP.restartNdes, F, "Part 2: restart"),
  fromSeed(STEP.trustedRoot, F, "Part 3: Trusted root profile"),
  fromSeed(STEP.scepProfiles, F, "Part 3: SCEP profile"),
  fromSeed(STEP.assignProfiles, F, "Part 3: assignments"),
];
const ids = (from: number, to: number) => steps.slice(from, to).map((s) => s.id);

export const SEED_001_GUIDE: Guide = {
  id: "seed-001",
  title: "Configure NDES for SCEP end to end",
  summary: "Install NDES (service account, IIS_IUSRS, SPN, Request Certificates), configure it (template, URL lengths, SSL binding, MSCEP registry, certificate connector) and create the trusted root and SCEP profiles.",
  source: F,
  start: "fresh",
  parts: [
    { id: "install-ndes", title: "Part 1: Install NDES", stepIds: ids(0, 5) },
    { id: "configure-ndes", title: "Part 2: Configure NDES", stepIds: ids(5, 13) },
    { id: "profiles", title: "Part 3: Create the trusted root and SCEP profiles", stepIds: ids(13, 16) },
  ],
  steps,
};
