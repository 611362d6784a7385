/**
 * The run's error as one sentence that says its position once: the page puts "at line 2, column 29" in front, so the
 * same position inside the engine's message ("Syntax error (line 2, column 29): …", DuckDB's "LINE 2: …" excerpt) goes.
 */
export function describeQueryError(error: { message: string; line?: number | null; column?: number | null } | null | undefined): string {
  if (!error) return 'The query failed: no reason given.';
  let message = error.message.trim();
  if (error.line) {
    message = message
      .replace(/\s*\(\s*line \d+(?:,\s*column \d+)?\s*\)/i, '')
      .replace(/\s*\bat line \d+(?:,\s*column \d+)?/i, '')
      .replace(/\n+LINE \d+:[\s\S]*$/, '')
      .trim();
  }
  const where = error.line ? ` at line ${error.line}, column ${error.column ?? 1}` : '';
  return `The query failed${where}: ${message || 'no reason given.'}`;
}
