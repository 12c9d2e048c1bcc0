// A blade whose content comes in a later milestone: the nav keeps the portal's shape, the page says what is
// coming instead of showing invented data.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { paths } from "@/shared/paths";

export function LaterMilestone(props: { title: string; issue: string }) {
  return (
    <Page title={props.title}>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>This blade is part of a later Certlab milestone</MessageBarTitle>
          {props.issue}
        </MessageBarBody>
      </MessageBar>
      <p>
        Meanwhile, <AppLink to={paths.health}>Certlab Health</AppLink> lists what the rules
        already check in this tenant.
      </p>
    </Page>
  );
}
