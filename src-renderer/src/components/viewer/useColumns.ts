import { useLayoutEffect, useState, type RefObject } from 'react';

/** Monospace characters that fit across `ref` (measured once per font, then on every resize). */
export function useColumns(ref: RefObject<HTMLElement | null>, padding = 16): number {
  const [cols, setCols] = useState(80);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const probe = document.createElement('span');
    probe.className = 'viewer-probe';
    probe.textContent = '0'.repeat(100);
    el.appendChild(probe);
    const charWidth = probe.getBoundingClientRect().width / 100 || 7.2;
    probe.remove();
    const measure = () => setCols(Math.max(16, Math.floor((el.clientWidth - padding) / charWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, padding]);
  return cols;
}
