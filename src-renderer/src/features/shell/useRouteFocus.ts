import { useEffect, useRef, type RefObject } from 'react';
import type { Route } from '../../lib/route.js';

/** What counts as opening something new: a page, a cluster section, a topic (its tabs are not). */
export function focusKey(route: Route): string {
  switch (route.page) {
    case 'home':
    case 'sandbox':
      return route.page;
    case 'cluster':
      return `cluster/${route.clusterId}/${route.section}`;
    case 'topic':
      return `topic/${route.clusterId}/${route.topic}`;
    case 'group':
      return `group/${route.clusterId}/${route.groupId}`;
  }
}

/**
 * After opening a page, a section or a topic, keyboard focus moves to its heading, so the next Tab
 * starts there and a screen reader announces where we are, instead of focus falling to the body.
 * Not on the first load: nothing was opened yet.
 */
export function useRouteFocus(route: Route, main: RefObject<HTMLElement | null>): void {
  const key = focusKey(route);
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    const root = main.current;
    if (!root) return;
    // Let the new page render its heading (a section may show it a frame later).
    const frame = requestAnimationFrame(() => {
      // Focus inside an open dialog stays where it is.
      if (document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) return;
      const heading =
        root.querySelector<HTMLElement>('.page-body :is(h1, h2)') ?? root.querySelector<HTMLElement>('h1');
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [key, main]);
}
