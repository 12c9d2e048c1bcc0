// The on-premises lab, Server Manager style: what the lab will contain, and where its checks live today.
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";

const useStyles = makeStyles({
  banner: {
    background: "#e6edf5",
    color: "#1b2a3a",
    borderLeft: "4px solid #2b88d8",
    padding: "12px 16px",
    "@media (prefers-color-scheme: dark)": { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  },
  welcome: { margin: "0 0 4px", fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/** What the lab models (seed 002_823a4c777ce30773.txt "servers and roles"; seed 004_0623edc70b4e3354.txt components). */
const ROLES: [server: string, role: string, what: string][] = [
  ["Domain controller", "AD DS", "The forest, the NDES service account (or gMSA) and the Intune connector account."],
  ["Enterprise CA", "AD CS — Certification Authority", "The issuing CA, its security (Request Certificates, Issue and Manage), validity and EDITF_ATTRIBUTEENDDATE."],
  ["Enterprise CA", "Certificate templates", "The SCEP template (Subject Name: supply in the request; Purpose; Key Usage) and the IIS server template."],
  ["NDES server", "AD CS — Network Device Enrollment Service", "RA certificates, the MSCEP registry keys (SignatureTemplate, EncryptionTemplate, GeneralPurposeTemplate)."],
  ["NDES server", "IIS / HTTP.sys", "The SCEP app pool, the HTTPS binding and certificate, request filtering and URL lengths."],
  ["Connector server", "Certificate Connector for Microsoft Intune", "SCEP feature, service account, proxy, Entra sign-in."],
  ["Connector server", "Microsoft Entra private network connector", "Publishes NDES through application proxy (seed 000_6abfab919ea0a4d2.txt)."],
];

export default function LabOverviewRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  return (
    <Page title="Dashboard" subtitle={`Server Manager — ${session.tenant.displayName} lab`}>
      <div className={s.banner}>
        <p className={s.welcome}>Welcome to the Certlab on-premises lab</p>
        <Text>
          The lab will model the servers behind SCEP certificate deployment. They arrive in a later milestone; until then{" "}
          <AppLink to={paths.health}>Certlab Health</AppLink> shows what the rules check in this tenant.
        </Text>
      </div>
      <h2 style={{ fontSize: 16, margin: "8px 0 0" }}>Roles and server groups in this lab</h2>
      <Table aria-label="Lab servers and roles" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Server</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>What the lab will model</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {ROLES.map(([server, role, what]) => (
            <TableRow key={role}>
              <TableCell>{server}</TableCell>
              <TableCell>{role}</TableCell>
              <TableCell>{what}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Page>
  );
}
