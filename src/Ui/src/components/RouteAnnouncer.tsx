import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, moves focus to the new page's heading (or to main while the page loads) and
 * announces the page's title, as a full page load would for a screen reader. Query-string changes within a page
 * (a filter, a tab) keep focus where it is.
 */
export function RouteAnnouncer() {
  const { pathname } = useLocation();
  const first = useRef(true);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    // Pages set their title and heading in their own effects; read them once those have run.
    const timer = window.setTimeout(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: false });
      }
      setMessage(document.title);
    }, 50);
    return () => window.clearTimeout(timer);
  }, [pathname]);
  return <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="route-announcer">{message}</div>;
}
