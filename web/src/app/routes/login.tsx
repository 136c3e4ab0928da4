import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { LoginForm } from '../../features/auth/components/login-form.tsx';

const route = getRouteApi('/login');

export function LoginPage() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  return (
    <div className="center">
      <LoginForm onDone={() => void navigate({ to: redirect ?? '/' })} />
    </div>
  );
}
