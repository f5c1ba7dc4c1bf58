import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import type { Role } from '../api/types';
import { useAwaitingApproval } from '../pages/admin/purge/purgeApi';

interface NavItem {
  to: string;
  label: string;
  role: Role;
}

const NAV: NavItem[] = [
  { to: '/models', label: 'Models', role: 'designer' },
  { to: '/sequences', label: 'Sequences', role: 'designer' },
  { to: '/executions', label: 'Executions', role: 'designer' },
  { to: '/connectors', label: 'Connectors', role: 'designer' },
  { to: '/transfer', label: 'Export / import', role: 'designer' },
  { to: '/users', label: 'Users', role: 'admin' },
  { to: '/purge', label: 'Purge', role: 'admin' },
  { to: '/backups', label: 'Backups', role: 'admin' },
  { to: '/retention', label: 'Retention', role: 'admin' },
  { to: '/logs', label: 'Log purge', role: 'support' },
];

export function Layout() {
  const { user, logout, has } = useAuth();
  const navigate = useNavigate();
  const items = NAV.filter((item) => has(item.role));
  const awaiting = useAwaitingApproval(user?.username, has('admin'));
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // The user menu closes on Escape and on a click elsewhere, like any menu.
    const close = (e: Event) => {
      const m = menu.current;
      if (!m?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !m.contains(e.target as Node)) m.open = false;
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => { document.removeEventListener('keydown', close); document.removeEventListener('click', close); };
  }, []);
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Lethe</span>
        <nav aria-label="Main">
          {items.map((item) => (
            <NavLink key={item.to} to={item.to}>
              {item.label}
              {item.to === '/purge' && awaiting > 0 && (
                <span className="badge warn" aria-label={`${awaiting} awaiting your approval`}>{awaiting}</span>
              )}
            </NavLink>
          ))}
        </nav>
        <details className="user-menu" ref={menu}>
          <summary aria-label="User menu">{user?.username}</summary>
          <div className="user-menu-body">
            <div className="roles">
              {user?.roles.map((r) => <span key={r} className={`badge role-${r}`}>{r}</span>)}
            </div>
            <NavLink to="/account" onClick={() => { if (menu.current) menu.current.open = false; }}>Your account</NavLink>
            <button type="button" onClick={() => logout().then(() => navigate('/login'))}>Sign out</button>
          </div>
        </details>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
