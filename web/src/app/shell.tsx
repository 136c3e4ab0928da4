import { Link, Outlet } from '@tanstack/react-router';
import { ThemeToggle } from '../components/theme-toggle.tsx';

export function Shell() {
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          punchlist
        </Link>
        <span className="spacer" />
        <ThemeToggle />
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
