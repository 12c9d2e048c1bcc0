// The portal's home page at "/" (issue 8, onboarding): what Certlab is, the guided flows, the two ways to start the
// lab, the portals, and the docs. The first sign-in lands here.
import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useGuides } from "@/shared/api/guides";
import { AppLink } from "@/shared/components/app-link";
import { GuideList } from "@/shared/components/guide-list";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { LabStart } from "@/features/certlab/home/components/lab-start";

const useStyles = makeStyles({
  intro: { display: "flex", flexDirection: "column", gap: "6px", maxWidth: "860px" },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: "12px 0 4px" },
  links: { display: "flex", flexWrap: "wrap", gap: "6px 20px", listStyle: "none", margin: 0, padding: 0 },
});

const DOCS = [
  { file: "getting-started.md", label: "Getting started" },
  { file: "guides.md", label: "The guided flows" },
  { file: "rules.md", label: "The rule catalogue" },
  { file: "api.md", label: "The API guide" },
  { file: "architecture.md", label: "Architecture" },
];

export default function HomeRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const guides = useGuides();
  return (
    <Page title="Welcome to Certlab" subtitle={`${session.tenant.displayName} (${session.tenant.defaultDomain})`}>
      <section className={s.intro} aria-label="What Certlab is">
        <Text>
          Certlab is a working model of the Microsoft Intune admin center, the Microsoft Entra admin center and the
          on-premises pieces behind them (Active Directory, the Enterprise CA and its templates, NDES with IIS, the
          Intune certificate connector and the application proxy connector), for learning, rehearsing and testing
          certificate deployment with SCEP.
        </Text>
        <Text>
          It flags every documented misconfiguration with the reason, the fix and the source document, live in the
          wizards and on <AppLink to={paths.health}>Certlab Health</AppLink>, and draws the lab as a{" "}
          <AppLink to={paths.lab.topology}>topology</AppLink>.
        </Text>
      </section>

      <h2 className={s.h2}>Guides</h2>
      <Text>
        One guided flow per source document. A guide&apos;s side panel stays open while you work in the portals and
        ticks each step as the lab&apos;s state changes. <AppLink to={paths.guides}>All guides</AppLink>
      </Text>
      {guides.isPending && <Loading label="Reading the guides…" />}
      {guides.error && <ErrorMessage error={guides.error} />}
      {guides.data && <GuideList guides={guides.data.value} />}

      <h2 className={s.h2}>Start the lab</h2>
      <LabStart />

      <h2 className={s.h2}>Portals</h2>
      <ul className={s.links} aria-label="Portals">
        <li><AppLink to={paths.intune.home}>Microsoft Intune admin center</AppLink></li>
        <li><AppLink to={paths.entra.home}>Microsoft Entra admin center</AppLink></li>
        <li><AppLink to={paths.lab.home}>On-premises lab</AppLink></li>
        <li><AppLink to={paths.health}>Certlab Health</AppLink></li>
        <li><AppLink to={paths.lab.topology}>Lab topology</AppLink></li>
      </ul>

      <h2 className={s.h2}>Docs</h2>
      <ul className={s.links} aria-label="Docs">
        {DOCS.map((d) => (
          <li key={d.file}>
            <Link href={`${paths.docs}/${d.file}`} target="_blank" rel="noreferrer">
              {d.label}
            </Link>
          </li>
        ))}
        <li>
          <Link href="/api/openapi.json" target="_blank" rel="noreferrer">
            OpenAPI document of the lab API
          </Link>
        </li>
      </ul>
    </Page>
  );
}
