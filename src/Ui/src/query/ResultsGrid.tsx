import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { ResultColumn } from '../api/types';

type Row = readonly unknown[];

/** A result page as a table; cells show SQL NULL as "null" in a muted style. */
export function ResultsGrid({ columns, rows, offset = 0 }: { columns: ResultColumn[]; rows: Row[]; offset?: number }) {
  const defs = useMemo<ColumnDef<Row>[]>(
    () => [
      { id: '#', header: '#', cell: (ctx) => offset + ctx.row.index + 1 },
      ...columns.map((c, i): ColumnDef<Row> => ({
        id: `${i}`,
        header: () => <span title={c.type}>{c.name}</span>,
        accessorFn: (row) => row[i],
        cell: (ctx) => formatCell(ctx.getValue()),
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
            <tr key={group.id}>{group.headers.map((h) => <th key={h.id} scope="col">{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="result-row">
              {row.getVisibleCells().map((cell) => <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatCell(value: unknown): React.ReactNode {
  if (value === null || value === undefined) return <span className="muted">null</span>;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
