import { useState } from 'react';
import './sidebar-toggle.css';

const KEY = 'samsa.sidebarCollapsed';

/** Whether the sidebar is folded away (remembered on this machine), for narrow windows. */
export function useSidebarCollapsed(): [boolean, (v: boolean) => void] {
  const [collapsed, setCollapsed] = useState(
    () => typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1',
  );
  return [
    collapsed,
    (v) => {
      localStorage.setItem(KEY, v ? '1' : '0');
      setCollapsed(v);
    },
  ];
}

/** The button that folds the sidebar away or brings it back. */
export function SidebarToggle({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="btn btn-small btn-quiet sidebar-toggle"
      aria-label={collapsed ? 'Show the sidebar' : 'Hide the sidebar'}
      aria-expanded={!collapsed}
      aria-controls="sidebar"
      title={collapsed ? 'Show the sidebar' : 'Hide the sidebar'}
      onClick={onToggle}
    >
      {collapsed ? '»' : '«'}
    </button>
  );
}
