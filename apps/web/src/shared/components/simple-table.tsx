// A read-only table: one header row, one row per item, and a single "No … found" row when there are none.
import type { ReactNode } from "react";
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";

export type SimpleColumn<T> = { header: ReactNode; cell: (row: T) => ReactNode };

/** The header of a column of row actions: named for screen readers only. */
export const ACTION_HEADER = <span className="sr-only">Action</span>;

export function SimpleTable<T>(props: {
  "aria-label": string;
  size?: "small";
  columns: readonly SimpleColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The text of the single row shown when there are no rows; without it the body stays empty. */
  empty?: string;
}) {
  return (
    <Table aria-label={props["aria-label"]} size={props.size}>
      <TableHeader>
        <TableRow>
          {props.columns.map((c, i) => (
            <TableHeaderCell key={i}>{c.header}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.rows.map((r) => (
          <TableRow key={props.rowKey(r)}>
            {props.columns.map((c, i) => (
              <TableCell key={i}>{c.cell(r)}</TableCell>
            ))}
          </TableRow>
        ))}
        {props.empty !== undefined && props.rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={props.columns.length}>{props.empty}</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** The small "Remove" button of a table row; its accessible name says what it removes. */
export function RemoveButton(props: { "aria-label": string; disabled?: boolean; onClick: () => void }) {
  return (
    <Button size="small" aria-label={props["aria-label"]} disabled={props.disabled} onClick={props.onClick}>
      Remove
    </Button>
  );
}
