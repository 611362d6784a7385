import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { ResultColumn } from '../api/types';
import { formatByType, isNumericType } from '../format/byType';
import { isRedacted } from '../governance/format';

type Row = readonly unknown[];

/** A result page as a table; numbers right-aligned and formatted by their SQL type; SQL NULL as a muted "null". */
export function ResultsGrid({ columns, rows, offset = 0 }: { columns: ResultColumn[]; rows: Row[]; offset?: number }) {
  const defs = useMemo<ColumnDef<Row>[]>(
    () => [
      { id: '#', header: '#', cell: (ctx) => (offset + ctx.row.index + 1).toLocaleString('en-US'), meta: { numeric: true } },
      ...columns.map((c, i): ColumnDef<Row> => ({
        id: `${i}`,
        header: () => <span title={c.type}>{c.name}</span>,
        accessorFn: (row) => row[i],
        cell: (ctx) => formatCell(ctx.getValue(), c.type),
        meta: { numeric: isNumericType(c.type) },
      })),
    ],
    [columns, offset],
  );
  const table = useReactTable({ data: rows as Row[], columns: defs, getCoreRowModel: getCoreRowModel() });
  return (
    <div className="grid-scroll" tabIndex={0} role="region" aria-label="Query results">
      <table className="grid">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>{group.headers.map((h) => <th key={h.id} scope="col" className={numeric(h.column.columnDef) ? 'num' : undefined}>{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="result-row">
              {row.getVisibleCells().map((cell) => <td key={cell.id} className={numeric(cell.column.columnDef) ? 'num' : undefined}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const numeric = (def: ColumnDef<Row>) => (def.meta as { numeric?: boolean } | undefined)?.numeric === true;

function formatCell(value: unknown, type: string): React.ReactNode {
  if (value === null || value === undefined) return <span className="muted">null</span>;
  // A masked value keeps its stable hash (joins and distinct counts still mean something) but is marked as redacted.
  if (isRedacted(value)) return <span className="redacted" data-testid="redacted-value" title="Redacted personal data: unlock PII with a reason to see it">{String(value)}</span>;
  return formatByType(value, type);
}
