// Build-time helpers of vite.config.ts (never part of the app bundle): what the first page load runs.

/** V8's explicit compile hint: Chromium compiles every function of a file marked so as it streams in. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** A built chunk as far as these helpers need it. */
export interface BuiltChunk { fileName: string; isEntry: boolean; imports: readonly string[] }

/** The chunks every first page load runs: the entries and, transitively, what they import statically (not lazy routes). */
export function firstPageChunks(chunks: readonly BuiltChunk[]): string[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const firstPage = new Set<string>();
  const visit = (fileName: string) => {
    if (firstPage.has(fileName)) return;
    firstPage.add(fileName);
    for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return [...firstPage];
}

/** The code with the compile hint as its first line (once). */
export function withCompileHint(code: string): string {
  return code.startsWith(COMPILE_HINT) ? code : COMPILE_HINT + code;
}

/** index.html with an async module script for `src` before the app's own module script. */
export function withBootScript(html: string, src: string): string {
  const app = html.indexOf('<script type="module"');
  if (app < 0) throw new Error('The page has no module script to put the boot script before.');
  return `${html.slice(0, app)}<script type="module" async crossorigin src="${src}"></script>\n    ${html.slice(app)}`;
}
