import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> { id: T; label: ReactNode }

/**
 * WAI-ARIA tabs (automatic activation): one tab stop, arrow keys, Home and End move between tabs and show each one.
 * The bar scrolls sideways when the tabs do not fit (a phone's width).
 */
export function Tabs<T extends string>({ tabs, selected, onSelect, label, idPrefix, children }: {
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (tab: T) => void;
  label: string;
  idPrefix: string;
  children: ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const next = event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
        : event.key === 'Home' ? 0 : event.key === 'End' ? last : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next].id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" ref={list}>
        {tabs.map((tab, index) => (
          <button key={tab.id} role="tab" type="button" id={`${idPrefix}-tab-${tab.id}`} aria-controls={`${idPrefix}-panel`}
            aria-selected={tab.id === selected} tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)} onKeyDown={(e) => move(e, index)}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${selected}`} tabIndex={0} className="tab-panel">
        {children}
      </div>
    </>
  );
}
