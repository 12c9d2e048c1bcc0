// Guides (issue 8): one guided flow per seed document with its progress on this tenant, and seed 004's request
// flow, hop by hop, as this tenant's configuration leaves it.
import { Text } from "@fluentui/react-components";
import { useGuides } from "@/shared/api/guides";
import { GuideList } from "@/shared/components/guide-list";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { TenantRequestFlow } from "@/shared/components/request-flow-diagram";

export default function GuidesListRoute() {
  const guides = useGuides();
  return (
    <Page title="Guides" subtitle="Guided flows through the source documents, checked on this tenant's state">
      <Text>
        Open a guide to read its steps, or follow it in the side panel: the panel stays open in the Intune, Entra and
        lab screens and ticks each step as soon as the lab&apos;s state says it is done.
      </Text>
      {guides.isPending && <Loading label="Reading the guides…" />}
      {guides.error && <ErrorMessage error={guides.error} />}
      {guides.data && <GuideList guides={guides.data.value} />}
      <TenantRequestFlow />
    </Page>
  );
}
