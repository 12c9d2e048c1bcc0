// The Rule catalogue tab: every rule the Health page, the wizards and the API evaluate.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { RuleInfo } from "@/shared/api/types";
import { SEVERITY_ICON, SEVERITY_LABEL } from "@/features/certlab/health/components/severity";

export function RuleCatalogue(props: { rules: readonly RuleInfo[] }) {
  return (
    <Table aria-label="Rule catalogue" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Code</TableHeaderCell>
          <TableHeaderCell>Severity</TableHeaderCell>
          <TableHeaderCell>Area</TableHeaderCell>
          <TableHeaderCell>Title</TableHeaderCell>
          <TableHeaderCell>Fix</TableHeaderCell>
          <TableHeaderCell>Sources</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.rules.map((r) => (
          <TableRow key={r.code}>
            <TableCell>
              <code>{r.code}</code>
            </TableCell>
            <TableCell>
              <span style={{ display: "inline-flex", gap: 4, alignItems: "center" }}>
                {SEVERITY_ICON[r.severity]} {SEVERITY_LABEL[r.severity]}
              </span>
            </TableCell>
            <TableCell>{r.area}</TableCell>
            <TableCell title={r.why}>{r.title}</TableCell>
            <TableCell>{r.fix}</TableCell>
            <TableCell>{r.sources.join(", ")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
