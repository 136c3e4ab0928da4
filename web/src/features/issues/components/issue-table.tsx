// The register as a virtualised table: pages of 500 fetched by cursor as the user scrolls, only
// the visible rows in the DOM, so 100,000 issues scroll like 100. Sorting and filtering happen
// on the server (the URL holds them); the table owns columns, rows and selection.
import { useInfiniteQuery } from '@tanstack/react-query';
import { columnSizingFeature, createColumnHelper, rowSelectionFeature, tableFeatures, useTable, type RowSelectionState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SeverityBadge, StatusBadge } from '../../../components/badges.tsx';
import { ErrorBox } from '../../../components/states.tsx';
import { date, minutes } from '../../../lib/format.ts';
import { useHotkeys } from '../../../lib/use-hotkeys.ts';
import { issueListQuery, type IssueFilters, type IssueSort, type IssueView } from '../api/issues.ts';

const features = tableFeatures({ rowSelectionFeature, columnSizingFeature });
const helper = createColumnHelper<typeof features, IssueView>();
const EMPTY: IssueView[] = [];
const ROW_HEIGHT = 36;

interface Props {
  project: string;
  filters: IssueFilters;
  onSort: (sort: IssueSort, desc: boolean) => void;
  onOpen: (key: string) => void;
  selectable: boolean;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  renderKey: (issue: IssueView) => ReactNode;
  onRows?: (rows: IssueView[], total: number | undefined) => void;
}

const SORTABLE: Partial<Record<string, IssueSort>> = { key: 'key', severity: 'severity', createdAt: 'created', updatedAt: 'updated' };

export function IssueTable({ project, filters, onSort, onOpen, selectable, selection, onSelectionChange, renderKey, onRows }: Props) {
  const query = useInfiniteQuery(issueListQuery(project, filters));
  const data = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? EMPTY, [query.data]);
  const total = query.data?.pages[0]?.total;

  useEffect(() => onRows?.(data, total), [data, total, onRows]);

  const columns = useMemo(
    () =>
      helper.columns([
        ...(selectable
          ? [
              helper.display({
                id: 'select',
                header: ({ table }) => (
                  <input
                    type="checkbox"
                    aria-label="Select every loaded issue"
                    checked={table.getIsAllRowsSelected()}
                    onChange={table.getToggleAllRowsSelectedHandler()}
                  />
                ),
                cell: ({ row }) => (
                  <input type="checkbox" aria-label={`Select ${row.original.key}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
                ),
                size: 36,
              }),
            ]
          : []),
        helper.accessor('key', { header: 'Key', cell: (c) => renderKey(c.row.original), size: 110 }),
        helper.accessor('severity', { header: 'Severity', cell: (c) => <SeverityBadge severity={c.getValue()} />, size: 100 }),
        helper.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} />, size: 130 }),
        helper.accessor('title', { header: 'Title', cell: (c) => c.getValue(), size: 0 }),
        helper.accessor('owner', { header: 'Owner', cell: (c) => c.getValue() ?? '–', size: 140 }),
        helper.accessor('phase', { header: 'Phase', cell: (c) => c.getValue() ?? '–', size: 120 }),
        helper.accessor('estimateMinutes', { header: 'Estimate', cell: (c) => minutes(c.getValue()), size: 90 }),
        helper.accessor('updatedAt', { header: 'Updated', cell: (c) => date(c.getValue()), size: 110 }),
      ]),
    [selectable, renderKey],
  );

  const table = useTable({
    features,
    columns,
    data,
    getRowId: (row) => row.key,
    enableRowSelection: selectable,
    state: { rowSelection: selection },
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === 'function' ? updater(selection) : updater),
  });
  const rows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  // Near the end of what is loaded: fetch the next page.
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 100 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [lastIndex, rows.length, query]);

  // j / k move the active row, Enter opens it, x selects it.
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [filters]);
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, active + delta));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  useHotkeys({
    j: () => move(1),
    k: () => move(-1),
    Enter: () => {
      const row = rows[active];
      if (row) onOpen(row.original.key);
    },
    x: () => rows[active]?.toggleSelected(),
  });

  const header = (id: string, label: ReactNode) => {
    const sort = SORTABLE[id];
    if (!sort) return label;
    const current = (filters.sort ?? 'severity') === sort;
    const desc = current && !!filters.desc;
    return (
      <button type="button" className="sort" onClick={() => onSort(sort, current ? !desc : false)} aria-label={`Sort by ${String(label)}`}>
        {label}
        <span aria-hidden="true">{current ? (desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    );
  };

  if (query.error) return <ErrorBox error={query.error} />;
  const width = (size: number) => (size ? { width: size, flex: `0 0 ${size}px` } : { flex: '1 1 200px', minWidth: 0 });

  return (
    <div className="issue-table">
      <div className="table-count" role="status" aria-live="polite">
        {query.isPending ? 'Loading issues…' : `${rows.length.toLocaleString()} of ${(total ?? rows.length).toLocaleString()} issues loaded`}
      </div>
      <div ref={scrollRef} className="table-scroll" tabIndex={0} aria-label="Issues">
        <table role="grid" aria-rowcount={total ?? rows.length}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="vrow head">
                {group.headers.map((h) => (
                  <th key={h.id} style={width(h.column.columnDef.size ?? 0)} scope="col">
                    {h.column.id === 'select' ? <table.FlexRender header={h} /> : header(h.column.id, String(h.column.columnDef.header))}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize(), position: 'relative', display: 'block' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <tr
                  key={row.id}
                  className={`vrow${item.index === active ? ' active' : ''}${row.getIsSelected() ? ' selected' : ''}`}
                  aria-rowindex={item.index + 2}
                  aria-selected={row.getIsSelected()}
                  data-key={row.original.key}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => setActive(item.index)}
                  onDoubleClick={() => onOpen(row.original.key)}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} style={width(cell.column.columnDef.size ?? 0)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {!query.isPending && rows.length === 0 ? <p className="muted empty">No issue matches this view.</p> : null}
      </div>
    </div>
  );
}
