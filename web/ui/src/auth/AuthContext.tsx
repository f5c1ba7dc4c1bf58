import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setUnauthorizedHandler, tokenStore } from '../api/client';
import type { LoginAnswer, Me, Role } from '../api/types';

interface AuthState {
  user: Me | null;
  checking: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Changes the caller's own password; the server revokes every other token and answers a new one, kept here. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  has: (role: Role) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** Set when the server refused the token of a signed-in session; the sign-in page reads it once. */
export const SESSION_ENDED = 'lethe.sessionEnded';

/** Who is signed in: the bearer token lives in sessionStorage only; the user is re-read from /api/auth/me. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null);
  const queryClient = useQueryClient();

  const forget = useCallback(() => {
    tokenStore.clear();
    setUser(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // The server no longer takes the token (a password changed or reset, the user deleted, it expired): say so at sign-in.
      if (tokenStore.get()) sessionStorage.setItem(SESSION_ENDED, '1');
      forget();
    });
    if (!tokenStore.get()) return;
    api<Me>('/api/auth/me')
      .then(setUser)
      .catch(forget)
      .finally(() => setChecking(false));
  }, [forget]);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api<LoginAnswer>('/api/auth/login', { body: { username, password } });
    tokenStore.set(answer.token);
    setUser({ username: answer.username, roles: answer.roles });
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const answer = await api<LoginAnswer>('/api/auth/password', { body: { currentPassword, newPassword } });
    tokenStore.set(answer.token);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      forget();
    }
  }, [forget]);

  const value = useMemo<AuthState>(
    () => ({ user, checking, login, logout, changePassword, has: (role) => user?.roles.includes(role) ?? false }),
    [user, checking, login, logout, changePassword],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
