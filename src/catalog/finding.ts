// A finding is one problem in the catalog, located at a file, line and column.

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

/** One problem found in a catalog file; line and column are 1-based. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}

/** Orders findings by file, then position, then code, so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
