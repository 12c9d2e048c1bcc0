// The lab browser (rules-reference D.5): type a URL — the NDES internal URL, later the app proxy external URL — and
// see what a real browser would get: the status, the page title and the page. "Why?" names the rules behind it.
import { useState } from "react";
import { Button, Card, Input, Link, Text, tokens } from "@fluentui/react-components";
import { ArrowRight20Regular } from "@fluentui/react-icons";
import { useSearchParams } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";
import { useBrowse, useLab } from "@/features/lab/console/api/lab-api";

export default function BrowserRoute() {
  const [params, setParams] = useSearchParams();
  const lab = useLab();
  const ndesHost = lab.data?.servers.find((s) => s.ndesId)?.fqdn ?? lab.data?.servers.find((s) => /ndes/i.test(s.name))?.fqdn ?? "ndes01.corp.contoso.com";
  const url = params.get("url") ?? "";
  const [address, setAddress] = useState(url || `http://${ndesHost}/certsrv/mscep/mscep.dll`);
  const [n, setN] = useState(0);
  const [why, setWhy] = useState(false);
  const result = useBrowse(url, n);
  const go = () => {
    const u = address.trim();
    if (!u) return;
    setWhy(false);
    if (u === url) setN(n + 1);
    else setParams({ url: u });
  };
  const r = result.data;
  return (
    <Page title="Lab browser" subtitle="Microsoft Edge on a domain-joined admin workstation inside the lab network">
      <form
        role="search"
        aria-label="Address bar"
        style={{ display: "flex", gap: 8 }}
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Input aria-label="Address" value={address} onChange={(_e, d) => setAddress(d.value)} style={{ flex: 1 }} />
        <Button type="submit" appearance="primary" icon={<ArrowRight20Regular />}>
          Go
        </Button>
      </form>
      {url && result.isFetching && <Loading label="Loading the page…" />}
      {result.error && <ErrorMessage error={result.error} title="The lab couldn't answer" />}
      {r && !result.isFetching && (
        <Card aria-label="Page" role="region" style={{ background: tokens.colorNeutralBackground1 }}>
          <Text role="status" aria-label="HTTP status" weight="semibold">
            {r.status === 0 ? "No response" : `HTTP ${r.status}`}
          </Text>
          <h2 aria-label="Page title" style={{ margin: "4px 0", fontSize: 20 }}>
            {r.title}
          </h2>
          <pre aria-label="Page content" style={{ whiteSpace: "pre-wrap", fontFamily: "Segoe UI, sans-serif", margin: 0 }}>
            {r.body}
          </pre>
          <div>
            <Button appearance="subtle" aria-expanded={why} onClick={() => setWhy(!why)}>
              Why?
            </Button>
          </div>
          {why && (
            <div aria-label="Why this page" role="region">
              {r.reasonCodes.length === 0 ? (
                <Text>This is the expected answer: no rule explains a problem here.</Text>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {r.reasonCodes.map((c) => (
                    <li key={c}>
                      <AppLink to={`${paths.health}?q=${encodeURIComponent(c)}`}>{c}</AppLink>
                    </li>
                  ))}
                </ul>
              )}
              <Text size={200}>
                Findings in full: <Link href={paths.health}>Certlab Health</Link>
              </Text>
            </div>
          )}
        </Card>
      )}
    </Page>
  );
}
