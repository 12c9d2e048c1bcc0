import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { paths } from "@/shared/paths";

export default function NotFound() {
  return (
    <main style={{ padding: 24 }}>
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>This page doesn't exist</MessageBarTitle>
          <AppLink to={paths.entra.home}>Go to the Microsoft Entra admin center</AppLink>
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
