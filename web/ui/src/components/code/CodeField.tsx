import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, linter } from '@codemirror/lint';
import { syntaxErrors } from './syntaxErrors';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  describedBy?: string;
}

/**
 * A CodeMirror 6 JavaScript editor. Syntax errors are marked inline as you type (from the
 * parser's error nodes); the server's own check arrives as field errors on save.
 */
export function CodeField({ value, onChange, label, describedBy }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          javascript(),
          EditorView.lineWrapping,
          linter(syntaxErrors, { delay: 300 }),
          lintGutter(),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once per mount; outside changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="code-field" ref={host} data-testid="code-field" />;
}
