// A Fluent link that navigates with React Router (no full reload), keyboard and screen-reader friendly.
import type { ReactNode } from "react";
import { useHref, useLinkClickHandler, type To } from "react-router";
import { Link } from "@fluentui/react-components";

export function AppLink(props: { to: To; children: ReactNode; className?: string; "aria-label"?: string }) {
  const href = useHref(props.to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(props.to);
  return (
    <Link href={href} onClick={onClick} className={props.className} aria-label={props["aria-label"]}>
      {props.children}
    </Link>
  );
}
