import { Navigate, Route, Routes } from 'react-router';
import { lazy, Suspense, type ReactNode } from 'react';
import { useAuth } from './auth/AuthContext';
import type { Role } from './api/types';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { LoginPage } from './pages/LoginPage';
import { AccountPage } from './pages/AccountPage';
import { ModelsPage } from './pages/models/ModelsPage';
import { ModelEditorPage } from './pages/models/ModelEditorPage';
import { InstancesPage } from './pages/models/InstancesPage';
import { SequencesPage } from './pages/sequences/SequencesPage';
import { ExecutionsPage } from './pages/ops/ExecutionsPage';
import { ConnectorsPage } from './pages/ops/ConnectorsPage';
import { TransferPage } from './pages/ops/TransferPage';
import { UsersPage } from './pages/admin/UsersPage';
import { PurgeListPage } from './pages/admin/purge/PurgeListPage';
import { NewPurgePage } from './pages/admin/purge/NewPurgePage';
import { PurgeRequestPage } from './pages/admin/purge/PurgeRequestPage';
import { LedgerPage } from './pages/admin/purge/LedgerPage';
import { BackupsPage } from './pages/admin/BackupsPage';
import { LogPurgePage } from './pages/admin/LogPurgePage';
import { RetentionPage } from './pages/admin/RetentionPage';

// The graph and code editors are most of the bundle: loaded only when a sequence is opened.
const SequenceEditorPage = lazy(() => import('./pages/sequences/SequenceEditorPage').then((m) => ({ default: m.SequenceEditorPage })));

export function homeFor(roles: Role[]): string {
  if (roles.includes('designer')) return '/models';
  if (roles.includes('admin')) return '/users';
  if (roles.includes('support')) return '/logs';
  return '/login';
}

function RequireRole({ role, children }: { role: Role | Role[]; children: ReactNode }) {
  const { has } = useAuth();
  const roles = Array.isArray(role) ? role : [role];
  if (!roles.some(has)) {
    return <div className="notice" role="alert">This page needs the <strong>{roles.join(' or ')}</strong> role.</div>;
  }
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homeFor(user.roles) : '/login'} replace />;
}

export function AppRoutes() {
  const { user, checking } = useAuth();
  if (checking) return <Loading what="Checking your session" />;
  const designer = (page: ReactNode) => (
    <RequireRole role="designer"><Suspense fallback={<Loading what="Loading the editor" />}>{page}</Suspense></RequireRole>
  );
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={user ? <Layout /> : <Navigate to="/login" replace />}>
        <Route index element={<Home />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="models" element={designer(<ModelsPage />)} />
        <Route path="models/new" element={designer(<ModelEditorPage />)} />
        <Route path="models/:name" element={designer(<ModelEditorPage />)} />
        <Route path="models/:name/instances" element={designer(<InstancesPage />)} />
        <Route path="sequences" element={designer(<SequencesPage />)} />
        <Route path="sequences/new" element={designer(<SequenceEditorPage />)} />
        <Route path="sequences/:name" element={designer(<SequenceEditorPage />)} />
        <Route path="executions" element={designer(<ExecutionsPage />)} />
        <Route path="connectors" element={designer(<ConnectorsPage />)} />
        <Route path="transfer" element={designer(<TransferPage />)} />
        <Route path="users" element={<RequireRole role="admin"><UsersPage /></RequireRole>} />
        <Route path="purge" element={<RequireRole role="admin"><PurgeListPage /></RequireRole>} />
        <Route path="purge/new" element={<RequireRole role="admin"><NewPurgePage /></RequireRole>} />
        <Route path="purge/ledger" element={<RequireRole role="admin"><LedgerPage /></RequireRole>} />
        <Route path="purge/:id" element={<RequireRole role={['admin', 'support']}><PurgeRequestPage /></RequireRole>} />
        <Route path="backups" element={<RequireRole role="admin"><BackupsPage /></RequireRole>} />
        <Route path="retention" element={<RetentionPage />} />
        <Route path="logs" element={<RequireRole role="support"><LogPurgePage /></RequireRole>} />
        <Route path="*" element={<div className="notice" role="alert">No such page.</div>} />
      </Route>
    </Routes>
  );
}
