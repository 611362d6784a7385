// Highlight snippets come back with <b>/<em>/<mark> around the matched words. Render only
// those marks; everything else stays text (React escapes it), so a snippet can never inject HTML.
export interface SnippetPart { text: string; marked: boolean }

const MARK = /<\/?(?:b|em|mark|strong)>/gi;

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let last = 0;
  for (const match of snippet.matchAll(MARK)) {
    const text = snippet.slice(last, match.index);
    if (text) parts.push({ text: decodeEntities(text), marked });
    marked = !match[0].startsWith('</');
    last = match.index! + match[0].length;
  }
  const rest = snippet.slice(last);
  if (rest) parts.push({ text: decodeEntities(rest), marked });
  return parts;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[name] ?? _);
}
