// "Home > Users > Jane Doe": one crumb per matched route that has a `crumb` handle; a details page's own title
// (usePageTitle) replaces its placeholder crumb.
import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from "@fluentui/react-components";
import { Fragment } from "react";
import { useHref, useLinkClickHandler, useMatches } from "react-router";
import { usePageTitleFor } from "@/shared/portal/page-title";

export type CrumbHandle = { crumb?: string; dynamic?: boolean; to?: string };

function CrumbLink(props: { to: string; label: string; current: boolean }) {
  const href = useHref(props.to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(props.to);
  if (props.current) return <BreadcrumbButton current>{props.label}</BreadcrumbButton>;
  return (
    <BreadcrumbButton as="a" href={href} onClick={onClick}>
      {props.label}
    </BreadcrumbButton>
  );
}

export function Breadcrumbs() {
  const matches = useMatches();
  const crumbs = matches
    .filter((m) => (m.handle as CrumbHandle | undefined)?.crumb)
    .map((m) => {
      const h = m.handle as CrumbHandle;
      return { to: h.to ?? m.pathname, label: h.crumb as string, dynamic: !!h.dynamic, id: m.id };
    })
    // An index route shares its parent's path: keep one crumb per path.
    .filter((c, i, all) => all.findIndex((o) => o.to === c.to) === i);
  const last = crumbs[crumbs.length - 1];
  const leafTitle = usePageTitleFor(last?.to ?? "");
  if (crumbs.length === 0) return null;
  return (
    <Breadcrumb aria-label="Breadcrumb" size="small" style={{ padding: "6px 16px 0" }}>
      {crumbs.map((c, i) => {
        const isLast = i === crumbs.length - 1;
        const label = isLast && c.dynamic && leafTitle ? leafTitle : c.label;
        return (
          <Fragment key={c.id}>
            <BreadcrumbItem>
              <CrumbLink to={c.to} label={label} current={isLast} />
            </BreadcrumbItem>
            {!isLast && <BreadcrumbDivider />}
          </Fragment>
        );
      })}
    </Breadcrumb>
  );
}
