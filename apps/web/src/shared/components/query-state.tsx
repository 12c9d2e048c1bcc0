// Loading and error states for reads: a spinner, or Graph's error message in a message bar.
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { errorBody } from "@/shared/api/query-client";

export function Loading(props: { label?: string }) {
  return <Spinner size="small" label={props.label ?? "Loading…"} labelPosition="after" style={{ justifyContent: "flex-start" }} />;
}

export function ErrorMessage(props: { error: unknown; title?: string }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{props.title ?? "Couldn't load this"}</MessageBarTitle>
        <span style={{ whiteSpace: "pre-line" }}>{errorBody(props.error)}</span>
      </MessageBarBody>
    </MessageBar>
  );
}
