import { Outlet } from '@tanstack/react-router';
import { ThemeToggle } from '../components/theme-toggle.tsx';

export function Shell() {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">punchlist</span>
        <ThemeToggle />
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
