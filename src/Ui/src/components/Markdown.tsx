import ReactMarkdown from 'react-markdown';

/** Descriptions are Markdown; raw HTML in them is not rendered. */
export function Markdown({ text, empty = 'No description yet.' }: { text?: string | null; empty?: string }) {
  if (!text || !text.trim()) return <p className="muted">{empty}</p>;
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
