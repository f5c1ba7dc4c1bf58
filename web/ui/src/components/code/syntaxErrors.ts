import { ensureSyntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';

/** Diagnostics at the JavaScript parser's error nodes (the script is a function body, so `return` is fine). */
export function syntaxErrors(view: EditorView): Diagnostic[] {
  const { state } = view;
  const tree = ensureSyntaxTree(state, state.doc.length, 500);
  if (!tree) return [];
  const found: Diagnostic[] = [];
  tree.iterate({
    enter: (node) => {
      if (!node.type.isError || found.length >= 20) return;
      const from = Math.min(node.from, state.doc.length);
      const to = Math.min(Math.max(node.to, from + 1), state.doc.length);
      const line = state.doc.lineAt(from);
      found.push({
        from: from === to && from > 0 ? from - 1 : from,
        to,
        severity: 'error',
        message: `Syntax error at line ${line.number}, column ${from - line.from + 1}`,
      });
    },
  });
  return found;
}
