// The info findings that remain on the complete correct setup (setup/complete-setup.ts), each with why it is expected
// rather than a mistake. docs/complete-setup.md is generated from this list and COMPLETE_SETUP
// (setup/complete-setup-doc.ts), and complete-setup.test.ts checks that the catalogue reports exactly these.
import { COMPLETE_SETUP } from "./complete-setup";

export type ExpectedInfoFinding = {
  code: string;
  /** The display name of the finding's first object (one entry per finding). */
  objects: string[];
  why: string;
};

const N = COMPLETE_SETUP.profileName;

export const EXPECTED_INFO_FINDINGS: readonly ExpectedInfoFinding[] = [
  {
    code: "ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE",
    objects: [COMPLETE_SETUP.lab.issuingCa],
    why:
      "Seed 002 grants the NDES computer Issue and Manage Certificates so that the Certificate Connector (running as SYSTEM) " +
      "can revoke the certificates of retired devices; the finding only says what that right also permits.",
  },
  {
    code: "APPPROXY_BACKEND_TIMEOUT",
    objects: [COMPLETE_SETUP.application.displayName],
    why:
      "Seed 003 leaves Backend Application Timeout at Default (85 s): \"Set this value to Long only if your application is slow " +
      "to authenticate and connect.\" The lab's NDES answers quickly, so Default is right until enrolments time out.",
  },
  {
    code: "PROF_AE_DO_NO_REVOKE_REPORT",
    objects: [N.scep("androidDeviceOwner")],
    why:
      "Android Enterprise fully managed devices don't report their SCEP certificates back to Intune, so Intune can't revoke " +
      "them when the device is retired; revoking at the CA is the documented procedure, not a configuration mistake.",
  },
  {
    code: "PROF_APPLE_RENEWAL_RISK",
    objects: [N.scep("iOS")],
    why: "A platform behaviour of iOS/iPadOS: a failed SCEP renewal is not retried. Nothing in the configuration can change it.",
  },
  {
    code: "PROF_APPLE_RENEWAL_RISK",
    objects: [N.scep("macOS")],
    why: "The same platform behaviour on macOS: a failed renewal is not retried.",
  },
  {
    code: "TRUST_WIN_PLATFORM_LABEL",
    objects: [N.root("windows")],
    why: 'A known display issue of the admin center (S6): Windows 10 and later trusted certificate profiles are listed as "Windows 8.1 and later".',
  },
];
