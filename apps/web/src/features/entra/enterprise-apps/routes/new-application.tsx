// Browse Microsoft Entra Gallery: this lab offers the "On-premises applications" section (seed 003: "Select Add an
// on-premises application button, which appears about halfway down the page in the On-premises applications section").
import { Button, Card, CardHeader, Text } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { Page } from "@/shared/components/page";
import { paths } from "@/shared/paths";

export default function NewApplicationRoute() {
  const navigate = useNavigate();
  return (
    <Page title="Browse Microsoft Entra Gallery">
      <Text>The gallery's cloud platforms and applications are not part of this lab.</Text>
      <section aria-label="On-premises applications">
        <h2 style={{ fontSize: 16, margin: "8px 0" }}>On-premises applications</h2>
        <Card style={{ maxWidth: 520 }}>
          <CardHeader
            header={<Text weight="semibold">Add an on-premises application</Text>}
            description={
              <Text size={200}>
                Configure application proxy for secure remote access to an on-premises application (for example the NDES server, seed 000).
              </Text>
            }
          />
          <Button appearance="primary" style={{ alignSelf: "flex-start" }} onClick={() => navigate(paths.entra.newOnPremisesApplication)}>
            Add an on-premises application
          </Button>
        </Card>
      </section>
    </Page>
  );
}
