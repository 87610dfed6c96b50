import { h, type Child } from "../dom";

/** One column: its header, the value it sorts by, and the cell it shows. */
export interface Column<Row> {
  key: string;
  label: string;
  sortValue: (row: Row) => string | number;
  cell: (row: Row) => Child;
  /** The row's header cell (scope=row). */
  rowHeader?: boolean;
}

export interface SortableTable {
  table: HTMLTableElement;
  /** Shows only the rows whose text holds every word of `query` (case-insensitive). */
  filter(query: string): void;
}

/**
 * A table whose column headers sort it (aria-sort says how) and whose rows a text filter narrows;
 * sorting and filtering move existing rows, so nothing is rebuilt or fetched again.
 */
export function sortableTable<Row>(caption: string, columns: Column<Row>[], rows: Row[], rowAttributes: (row: Row) => Record<string, string>, className: string): SortableTable {
  const entries = rows.map((row) => ({ row, tr: h("tr", rowAttributes(row), columns.map((c) => h(c.rowHeader ? "th" : "td", c.rowHeader ? { scope: "row" } : {}, c.cell(row)))) }));
  const tbody = h("tbody", {}, entries.map((e) => e.tr));
  const headers = columns.map((column) =>
    h("th", { scope: "col", "aria-sort": "none", "data-column": column.key }, h("button", { type: "button", class: "sort", "data-sort": column.key, onclick: () => sortBy(column) }, column.label)),
  );
  const sortBy = (column: Column<Row>) => {
    const th = headers[columns.indexOf(column)];
    const ascending = th?.getAttribute("aria-sort") !== "ascending";
    for (const other of headers) other.setAttribute("aria-sort", "none");
    th?.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const compare = (a: Row, b: Row) => {
      const x = column.sortValue(a);
      const y = column.sortValue(b);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    };
    tbody.append(...[...entries].sort((a, b) => compare(a.row, b.row)).map((e) => e.tr));
  };
  const table = h("table", { class: `estate ${className}` }, h("caption", {}, caption), h("thead", {}, h("tr", {}, headers)), tbody) as HTMLTableElement;
  return {
    table,
    filter(query: string) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      for (const e of entries) e.tr.hidden = !words.every((w) => (e.tr.textContent ?? "").toLowerCase().includes(w));
    },
  };
}
