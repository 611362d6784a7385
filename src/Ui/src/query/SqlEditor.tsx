import { autocompletion } from '@codemirror/autocomplete';
import { sql, StandardSQL, type SQLNamespace } from '@codemirror/lang-sql';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorTheme } from './editorTheme';

export interface EditorMark { line: number; column: number; message: string }

/** CodeMirror 6 SQL editor: completes catalog names, Ctrl/Cmd+Enter runs, shows an error at its position. */
export function SqlEditor({ value, onChange, onRun, schema, error }: {
  value: string; onChange: (sql: string) => void; onRun: () => void; schema: SQLNamespace; error: EditorMark | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { callbacks.current.onRun(); return true; } }])),
          basicSetup,
          language.current.of(sql({ dialect: StandardSQL, schema, upperCaseKeywords: true })),
          autocompletion({ activateOnTyping: true }),
          EditorView.updateListener.of((update) => { if (update.docChanged) callbacks.current.onChange(update.state.doc.toString()); }),
          EditorView.contentAttributes.of({ 'aria-label': 'SQL query' }),
          editorTheme,
        ],
      }),
    });
    view.current = editor;
    return () => { editor.destroy(); view.current = null; };
    // The editor is created once; later props flow in through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: StandardSQL, schema, upperCaseKeywords: true })) });
  }, [schema]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (!error) { editor.dispatch(setDiagnostics(editor.state, [])); return; }
    const { from, to } = errorRange(editor.state, error.line, error.column);
    editor.dispatch(setDiagnostics(editor.state, [{ from, to, severity: 'error', message: error.message }]));
  }, [error]);

  return <div ref={host} className="sql-editor" data-testid="query-editor" />;
}

/** The document range a 1-based line/column points to: the word there, or one character. */
export function errorRange(state: EditorState, line: number, column: number): { from: number; to: number } {
  const doc = state.doc;
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  const from = Math.min(l.to, l.from + Math.max(0, column - 1));
  const word = state.wordAt(from);
  const to = word && word.from === from ? word.to : Math.min(l.to, from + 1);
  return { from, to: Math.max(to, from) };
}
