// Guide: configure infrastructure to support SCEP with Intune (002_823a4c777ce30773.txt), the authoritative
// requirements in the seed's order: accounts, the CA (template, permissions, validity period, publishing), NDES
// (install, configure, registry, server certificate), the certificate connector.
import { fromSeed } from "./define";
import { STEP } from "./steps";
import type { Guide } from "./types";

const F = "002_823a4c777ce30773.txt";

export const SEED_002_GUIDE: Guide = {
  id: "seed-002",
  title: "Configure the infrastructure for SCEP",
  summary: "The on-premises half: the NDES service account, the SCEP and server templates on an Enterprise CA with the permissions and validity settings, NDES installed and configured with its certificate, and the certificate connector.",
  source: F,
  start: "fresh",
  steps: [
    fromSeed(STEP.serviceAccount, F, "Accounts: NDES service account"),
    fromSeed(STEP.scepTemplate, F, "Configure the certificate template for NDES"),
    fromSeed(STEP.caSettings, F, "Certification authority: revocation permission, validity period (EDITF_ATTRIBUTEENDDATE)"),
    fromSeed(STEP.publishTemplate, F, "Publish certificate templates"),
    fromSeed(STEP.installNdesRole, F, "Install the NDES role"),
    fromSeed(STEP.iisIusrs, F, "Install the NDES role: IIS_IUSRS"),
    fromSeed(STEP.requestPermission, F, "Configure NDES: Request permission"),
    fromSeed(STEP.configureNdes, F, "Configure NDES for use with Intune: registry (Purpose table)"),
    fromSeed(STEP.urlLengths, F, "Configure NDES: request filtering"),
    fromSeed(STEP.iisCertificate, F, "Install and bind certificates on the NDES server"),
    fromSeed(STEP.installConnector, F, "Install the Certificate Connector for Microsoft Intune"),
    fromSeed(STEP.restartNdes, F, "Configure NDES: restart the server"),
  ],
};
