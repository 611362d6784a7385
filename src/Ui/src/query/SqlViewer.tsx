import { sql, StandardSQL } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorTheme } from './editorTheme';

/** Read-only SQL, highlighted exactly as the query editor highlights it (same language, theme and colours). */
export function SqlViewer({ value, label }: { value: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(), sql({ dialect: StandardSQL, upperCaseKeywords: true }), editorTheme,
          EditorState.readOnly.of(true), EditorView.editable.of(false),
          // Focusable though not editable, so a long statement scrolls from the keyboard too.
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true', tabindex: '0' }),
        ],
      }),
    });
    return () => view.destroy();
  }, [value, label]);
  return <div ref={host} className="sql-editor" data-testid="sql-viewer" />;
}
