import { useEffect } from 'react';

const QUESTION = 'Leave this page? Your unsaved changes will be lost.';

/**
 * Asks before unsaved edits are lost: a reload or tab close (the browser asks), or a click on a link to
 * another page of the app (answered no, the click does nothing).
 */
export function useUnsavedWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const leaving = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || link.target === '_blank' || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin || to.pathname === window.location.pathname) return;
      if (!window.confirm(QUESTION)) e.preventDefault(); // a router link does not navigate then
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', leaving, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', leaving, true);
    };
  }, [dirty]);
}
